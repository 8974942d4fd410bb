import type { Catalog, TagInfo } from '../profile/catalog';
import type { Repository } from '../profile/schema';
import type { ResolvedImage, Stage } from './model';

/** A stage's base image from one of the profile's repositories, directly or through a known mirror. */
export interface ApprovedImage {
  stage: Stage;
  image: ResolvedImage;
  repository: Repository;
  /** Set when the image is pulled through a known mirror. */
  mirror?: { note: string };
  tag?: string;
  /** What the profile knows about the tag; absent when there is no tag. */
  info?: TagInfo;
  /** Where the tag is written, when it is written in one place. */
  tagSpan?: [number, number];
}

/** Each model's approved images, by catalog: seven rules ask for them (7 × 40,000 repository lookups at 40,000 stages). */
// Kept on the model's stage list, not in a WeakMap: V8's minor GC keeps WeakMap entries with young keys,
// and with them every document's tree until a full GC (see dockerfile/variables.ts).
const APPROVED = Symbol('approved images');
interface Judged {
  [APPROVED]?: { catalog: Catalog; found: ApprovedImage[] };
}

/** The tag rules (IMG002–IMG009) all start here, so they agree on which images they judge. */
export function approvedImages(stages: Stage[], catalog: Catalog): readonly ApprovedImage[] {
  const known = (stages as Judged)[APPROVED];
  if (known?.catalog === catalog) return known.found;
  const found = findApproved(stages, catalog);
  (stages as Judged)[APPROVED] = { catalog, found };
  return found;
}

function findApproved(stages: Stage[], catalog: Catalog): ApprovedImage[] {
  const found: ApprovedImage[] = [];
  for (const stage of stages) {
    const image = stage.image;
    if (!image || image.unresolved.length) continue;
    const match = catalog.matchRepository(image.ref.repository);
    if (match.kind === 'none') continue;
    const { tag, tagSpan } = image.ref;
    found.push({
      stage,
      image,
      repository: match.repository,
      mirror: match.kind === 'mirror' ? { note: match.note } : undefined,
      tag,
      tagSpan,
      info: tag === undefined ? undefined : catalog.tagInfo(match.repository, tag),
    });
  }
  return found;
}

/** Edit distance, for "did you mean" tag suggestions. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The `count` names nearest to `word`, nearest first (ties keep the given order). */
export function nearest(word: string, names: string[], count: number): string[] {
  return names
    .map((name, i) => ({ name, i, d: editDistance(word.toLowerCase(), name.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, count)
    .map((x) => x.name);
}
