import type { Profile } from '../../engine';

export interface ProfileEntry {
  /** Where the profile comes from: built in, or the file given. */
  source: string;
  profile: Profile;
  /** Set when the profile was a file given to validate. */
  validated?: boolean;
}

/** `profiles` as text: what each profile covers and requires, when its facts were checked, and where each comes from. */
export function profilesText(entries: ProfileEntry[]): string {
  return entries.map(profileText).join('\n');
}

function profileText({ source, profile, validated }: ProfileEntry): string {
  const lines = [
    `${profile.id}  ${profile.title}`,
    `    ${validated ? `${source}: valid; ` : ''}repositories: ${profile.repositories.map((r) => r.name).join(', ')}`,
  ];
  const cite = (key: string | undefined) => (key ? `  [${key}]` : '');
  if (profile.scope)
    lines.push(`    covers: ${profile.scope.covers === 'all-images' ? 'every Dockerfile' : profile.scope.description}${cite(profile.scope.source)}`);
  const { user } = profile;
  const required =
    user.require === 'non-root'
      ? `any non-root user (the images create ${user.name}, UID ${user.uid}, GID ${user.gid})`
      : `${user.name} (UID ${user.uid}, GID ${user.gid})`;
  lines.push(`    user: ${required}${cite(user.source)}`);
  lines.push(`    python: ${profile.python.supported.join(', ')}${cite(profile.python.source)}`);
  for (const repo of profile.repositories) {
    if (!repo.tags.length) continue;
    lines.push(`    ${repo.name} tags:`);
    for (const tag of repo.tags) lines.push(`      ${tag.name}  ${tag.status}${tag.python ? `  python ${tag.python}` : ''}${cite(tag.source)}`);
  }
  if (profile.data) {
    lines.push(`    data checked ${profile.data.checked}; sources:`);
    for (const [key, citation] of Object.entries(profile.data.sources)) lines.push(`      [${key}] ${citation}`);
  }
  return lines.join('\n') + '\n';
}

/** `profiles --format json`: the same facts as data. */
export function profilesJson(entries: ProfileEntry[]): string {
  const rows = entries.map(({ source, profile }) => ({
    id: profile.id,
    title: profile.title,
    source,
    repositories: profile.repositories.map((r) => r.name),
    scope: profile.scope,
    user: profile.user,
    python: profile.python,
    tags: Object.fromEntries(
      profile.repositories.map((r) => [r.name, r.tags.map((t) => ({ name: t.name, status: t.status, python: t.python, source: t.source }))]),
    ),
    data: profile.data,
  }));
  return JSON.stringify(rows, null, 2) + '\n';
}
