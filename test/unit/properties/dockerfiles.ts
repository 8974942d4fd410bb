import fc from 'fast-check';
import type { Profile } from '../../../server/src/engine';
import { unicodeWord } from './framing';

/**
 * Dockerfiles as lines, built from what the built-in profiles name (repositories, mirrors, retired
 * images, tags and tag patterns, the required user) so that the rules fire and their fixes run.
 * `wellFormed` is false when the generator wrote something a build would refuse (an open heredoc).
 */
export interface GeneratedDockerfile {
  lines: string[];
  wellFormed: boolean;
}

const HEX = '0123456789abcdef';
const digest = fc.array(fc.constantFrom(...HEX), { minLength: 64, maxLength: 64 }).map((cs) => `sha256:${cs.join('')}`);

/** A tag with one character changed, added or removed: IMG002's spelling guesses. */
function typo(tag: string): fc.Arbitrary<string> {
  return fc.tuple(fc.nat({ max: Math.max(tag.length - 1, 0) }), fc.constantFrom('drop', 'dup', 'swap', 'case')).map(([i, how]) => {
    if (how === 'drop') return tag.slice(0, i) + tag.slice(i + 1);
    if (how === 'dup') return tag.slice(0, i + 1) + tag.slice(i);
    if (how === 'case') return tag.slice(0, i) + tag.charAt(i).toUpperCase() + tag.slice(i + 1);
    return tag.slice(0, i) + (tag[i + 1] ?? '') + tag[i] + tag.slice(i + 2);
  });
}

function profileNames(profiles: Profile[]) {
  const repos = profiles.flatMap((p) => p.repositories.map((r) => r.name));
  const mirrors = profiles.flatMap((p) => p.repositories.flatMap((r) => (r.mirrors ?? []).map((m) => m.name)));
  const retired = profiles.flatMap((p) => (p.retired ?? []).map((r) => r.name));
  const tags = [...new Set(profiles.flatMap((p) => p.repositories.flatMap((r) => r.tags.map((t) => t.name))))];
  const users = [...new Set(profiles.flatMap((p) => [p.user.name, `${p.user.name}:${p.user.group}`, `${p.user.uid}`, `${p.user.uid}:${p.user.gid}`]))];
  const stageNames = [...new Set(profiles.flatMap((p) => [...(p.stages?.expected ?? []), ...(p.stages?.productionNames ?? [])]))];
  return { repos, mirrors, retired, tags, users, stageNames };
}

export function dockerfileArbitrary(profiles: Profile[], options: { allowOpenHeredoc: boolean }): fc.Arbitrary<GeneratedDockerfile> {
  const n = profileNames(profiles);
  const others = [
    'python:3.9-slim',
    'python',
    'ubuntu:22.04',
    'node:20-alpine',
    'scratch',
    'docker.io/library/python:3.12',
    'localhost:5000/team/app:1.0',
    'registry.example.com:8443/team/img:v2',
    'public.ecr.aws/amazonlinux/amazonlinux:2023',
  ];
  const featureTag = fc
    .tuple(
      fc.constantFrom('feat', 'feat_x', 'chore-y', 'fix'),
      fc.constantFrom('', '-fips', '_2'),
      fc.constantFrom('-3.13-pythonbase', '-hardened', '-3.13-pythonnginx', '-3.12-pythonbase'),
    )
    .map(([a, b, c]) => a + b + c);
  const defraTag = fc
    .tuple(fc.nat({ max: 3 }), fc.nat({ max: 9 }), fc.nat({ max: 9 }), fc.constantFrom('3.12', '3.13', '3.11'), fc.nat({ max: 12 }))
    .map(([a, b, c, py, p]) => `${a}.${b}.${c}-python${py}.${p}`);
  const tag = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...n.tags) },
    { weight: 2, arbitrary: fc.constantFrom(...n.tags).chain(typo) },
    { weight: 1, arbitrary: featureTag },
    { weight: 1, arbitrary: defraTag },
    { weight: 1, arbitrary: fc.constantFrom('latest-3.13', 'latest-3.11', '3.9', 'v1', unicodeTag()) },
    { weight: 1, arbitrary: fc.constantFrom('${TAG}', '$TAG', '${TAG:-3.13-pythonbase}', '${TAG:-latest}', '${PY}-pythonbase') },
  );
  const repo = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...n.repos) },
    { weight: 2, arbitrary: fc.constantFrom(...n.mirrors, ...n.retired) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '${BASE}',
        '$BASE',
        '${BASE:-quay.io/cdis/amazonlinux-base}',
        '${REGISTRY}/cdis/amazonlinux-base',
        '${REGISTRY:-quay.io}/cdis/amazonlinux-base',
        '${REG:+x}',
      ),
    },
  );
  const image = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(repo, fc.option(tag, { freq: 6 }), fc.option(digest, { freq: 5 }))
        .map(([r, t, d]) => r + (t === null ? '' : `:${t}`) + (d === null ? '' : `@${d}`)),
    },
    { weight: 2, arbitrary: fc.constantFrom(...others) },
    { weight: 1, arbitrary: fc.constantFrom('${IMAGE}', '$IMAGE', '${IMAGE:-python:3.9-slim}') },
  );
  const platform = fc.constantFrom('', '--platform=linux/amd64 ', '--platform=$BUILDPLATFORM ', '--platform=${TARGETPLATFORM} ', '--platform=linux/arm64/v8 ');
  const from = fc.constantFrom('FROM', 'from', 'From');
  const user = fc.constantFrom(...n.users, 'root', 'root:root', '0', '0:0', 'app', '1001', '${APP_USER}', '$UID:$GID', 'gen3:1000', 'nobody');
  const exec = fc.constantFrom('["python", "app.py"]', '["gunicorn", "app:app", "-b", "0.0.0.0:8000"]', '[ "nginx", "-g", "daemon off;" ]', '[]');
  const shell = fc.constantFrom('python app.py', 'gunicorn app:app', '/bin/sh -c "echo hi"', 'echo héllo 🐳');
  const pkgCmd = fc.constantFrom(
    'dnf install -y git && dnf clean all',
    'apt-get update && apt-get install -y libpq-dev',
    'yum install -y gcc',
    'pip install --no-cache-dir -r requirements.txt',
    'microdnf install -y shadow-utils',
    'useradd -m app',
    'apk add --no-cache curl',
    'echo done',
  );
  const pragma = fc.constantFrom(
    '# container-standards ignore=USR001',
    '# container-standards ignore=IMG001,USR002',
    '# container-standards ignore=IMG002',
    '# container-standards ignore=unapproved-base-image',
    '# hadolint ignore=DL3006',
    '# hadolint ignore=DL3002,DL3026',
    '# container-standards ignore=USR003 IMG009',
    '# container-standards ignore=',
  );
  const filePragma = fc.constantFrom(
    '# container-standards ignore-file=IMG003',
    '# container-standards ignore-file=IMG009,USR005',
    '# hadolint global ignore=DL3026',
  );

  // One body instruction, as lines; `esc` is the escape character; `open` is true when it leaves a heredoc open.
  const body = (esc: string, stages: string[]): fc.Arbitrary<{ lines: string[]; open?: boolean }> =>
    fc.oneof(
      { weight: 4, arbitrary: user.map((u) => ({ lines: [`USER ${u}`] })) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('CMD', 'ENTRYPOINT', 'cmd'), fc.oneof(exec, shell)).map(([k, v]) => ({ lines: [`${k} ${v}`] })) },
      { weight: 3, arbitrary: pkgCmd.map((c) => ({ lines: [`RUN ${c}`] })) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.array(pkgCmd, { minLength: 2, maxLength: 4 }), fc.boolean()).map(([cs, comment]) => ({
          lines: cs.flatMap((c, i) => [
            ...(comment && i === 1 ? ['    # a comment inside the continuation'] : []),
            (i === 0 ? 'RUN ' : '    ') + c + (i < cs.length - 1 ? ` && ${esc}` : ''),
          ]),
        })),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom('RUN', 'COPY'), fc.constantFrom('EOF', 'EOT', '"EOF"', '-EOF'), fc.array(pkgCmd, { minLength: 0, maxLength: 3 }), fc.boolean())
          .map(([kw, marker, cmds, terminated]) => {
            const word = marker.replace(/["-]/g, '');
            const head = kw === 'COPY' ? `COPY <<${marker} /app/run.sh` : `RUN <<${marker}`;
            const content = marker.startsWith('-') ? cmds.map((c) => `\t${c}`) : cmds;
            const open = !terminated && options.allowOpenHeredoc;
            return { lines: [head, ...content, ...(open ? [] : [marker.startsWith('-') ? `\t${word}` : word])], open };
          }),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('', '--chown=gen3:gen3 ', '--chown=1000:1000 ', '--chown=root '), fc.constantFrom(...stages.map((s) => `--from=${s} `), ''))
          .map(([chown, fromStage]) => ({ lines: [`COPY ${fromStage}${chown}. /app`] })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('ENV', 'LABEL', 'ARG'), unicodeWord)
          .map(([k, w]) => ({ lines: [k === 'ARG' ? `ARG NAME=${w}` : `${k} NAME="${w}"`] })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('WORKDIR /app', 'EXPOSE 8000', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1', 'SHELL ["/bin/bash", "-c"]')
          .map((l) => ({ lines: [l] })),
      },
      { weight: 1, arbitrary: fc.tuple(pragma, fc.constantFrom('USER root', 'RUN echo hi', 'CMD ["x"]')).map(([p, l]) => ({ lines: [p, l] })) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            unicodeWord.map((w) => `# comment ${w}`),
            fc.constant(''),
            fc.constant('   '),
          )
          .map((l) => ({ lines: [l] })),
      },
    );

  const stage = (esc: string, index: number, earlier: string[]) =>
    fc
      .tuple(
        from,
        platform,
        fc.oneof({ weight: 6, arbitrary: image }, { weight: earlier.length ? 2 : 0, arbitrary: fc.constantFrom(...(earlier.length ? earlier : ['x'])) }),
        fc.option(fc.constantFrom(...n.stageNames, 'builder', 'base', 'final', `stage${index}`, 'Build'), { freq: 2 }),
        fc.constantFrom(' AS ', ' as ', ' As '),
        fc.option(pragma, { freq: 5 }),
        fc.array(body(esc, earlier), { maxLength: 5 }),
      )
      .map(([kw, plat, img, name, as, pragmaLine, items]) => ({
        name: name ?? undefined,
        lines: [...(pragmaLine ? [pragmaLine] : []), `${kw} ${plat}${img}${name ? as + name : ''}`, ...items.flatMap((i) => i.lines)],
        open: items.some((i) => i.open),
      }));

  return fc
    .tuple(
      fc.constantFrom('', '\\', '`'),
      fc.option(fc.constantFrom('# syntax=docker/dockerfile:1', '# syntax=docker/dockerfile:1.7'), { freq: 4 }),
      fc.option(filePragma, { freq: 5 }),
      fc.array(
        fc.constantFrom(
          'ARG BASE=quay.io/cdis/amazonlinux-base',
          'ARG TAG=3.13-pythonbase',
          'ARG TAG',
          'ARG IMAGE=python:3.9-slim',
          'ARG REGISTRY=quay.io',
          'ARG PY=3.13',
          'ARG BASE=defradigital/python-development',
          'ARG TAG=latest-3.13',
        ),
        { maxLength: 3 },
      ),
      fc.integer({ min: 1, max: 3 }),
    )
    .chain(([escape, syntax, filePragmaLine, args, count]) => {
      const esc = escape || '\\';
      const header = [...(syntax ? [syntax] : []), ...(escape ? [`# escape=${escape}`] : []), ...(filePragmaLine ? [filePragmaLine] : []), ...args];
      // Stages are chained so later ones can name earlier ones.
      let arb: fc.Arbitrary<{ lines: string[]; names: string[]; open: boolean }> = fc.constant({ lines: header, names: [], open: false });
      for (let i = 0; i < count; i++) {
        arb = arb.chain((acc) =>
          stage(esc, i, acc.names).map((s) => ({
            lines: [...acc.lines, ...s.lines],
            names: s.name ? [...acc.names, s.name] : acc.names,
            open: acc.open || s.open,
          })),
        );
      }
      return arb.map((acc) => ({ lines: acc.lines, wellFormed: !acc.open }));
    });
}

function unicodeTag(): string {
  return 'ver\u00e9';
}
