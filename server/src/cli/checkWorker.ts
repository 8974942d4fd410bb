// A CLI worker thread (dist/checkWorker.js): `check` with more than one job (`--jobs`, see pool.ts) lints
// files here. It reads no files and writes nothing: the main thread reads each file, resolves its
// settings, and prints or writes the results in the run's order.
import { parentPort } from 'node:worker_threads';
import { dict } from '../engine';
import { lintText } from './checkFile';
import type { Settings } from './config';
import { CliError } from './errors';
import { TOOL_NAME } from '../product';
import type { PoolJob, PoolReply } from './pool';

const BUG = `this is a bug in ${TOOL_NAME}; please report it with the file`;

/** Profiles, locks and folder listings by the id the main thread gave them: sent once, not with every file. */
const objects = new Map<number, unknown>();

async function run(job: PoolJob): Promise<PoolReply> {
  for (const [id, value] of job.objects) objects.set(id, value);
  for (const id of job.forget) objects.delete(id);
  const { profile, lock, siblings, rules, buildArgs, ...rest } = job.settings;
  // Structured cloning gives lookups keyed by user text their prototype back: `constructor` must stay a name like any other.
  const settings = {
    ...rest,
    rules: dict(rules),
    buildArgs: dict(buildArgs),
    profile: objects.get(profile),
    lock: lock === undefined ? undefined : objects.get(lock),
    siblings: siblings === undefined ? undefined : objects.get(siblings),
  } as Settings;
  if (!settings.profile) throw new Error('the worker has no profile for this file');
  // The main thread has the text already: only what the check found goes back.
  const { text: _text, ...result } = await lintText(job.text, job.language, settings, job.options, job.shown);
  return { id: job.id, result };
}

parentPort?.on('message', (job: PoolJob) => {
  run(job).then(
    (reply) => parentPort!.postMessage(reply),
    (e: unknown) =>
      parentPort!.postMessage({
        id: job.id,
        error:
          e instanceof CliError
            ? { problem: e.problem, remedy: e.remedy }
            : { problem: `checking '${job.shown}' failed: ${String((e as Error)?.message ?? e)}`, remedy: BUG },
      } satisfies PoolReply),
  );
});
