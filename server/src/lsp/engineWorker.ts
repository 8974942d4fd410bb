// The engine in a worker thread (dist/engineWorker.js): the language server lints here, so a long check
// never blocks the editor, and the memory a large file took (tree-sitter's WebAssembly heap only grows)
// goes back to the system when the server ends the worker. Messages: see workerLinter.ts.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ParseMemo, type LintOptions } from '../engine';
import { inProcess } from './linter';
import type { JobReply, JobRequest } from './workerLinter';

/** Profiles and locks by the id the server gave them: sent once, not with every job. */
const objects = new Map<number, unknown>();

/**
 * The last parse of the documents edited most recently, so each edit is parsed incrementally. Only a
 * few: a kept tree is WebAssembly memory, and the editor's edits go to one document at a time.
 */
const memos = new Map<string, ParseMemo>();
const KEPT_MEMOS = 4;

function memoFor(document: string): ParseMemo {
  const memo = memos.get(document) ?? new ParseMemo();
  memos.delete(document);
  memos.set(document, memo); // now the most recent
  if (memos.size > KEPT_MEMOS) {
    const [oldest, old] = memos.entries().next().value!;
    memos.delete(oldest);
    old.dispose();
  }
  return memo;
}

async function run(job: JobRequest): Promise<Omit<JobReply, 'id' | 'footprint'>> {
  for (const [id, value] of job.objects) objects.set(id, value);
  for (const id of job.forget) objects.delete(id);
  const { profile, lock, ...rest } = job.options;
  const options = { ...rest, profile: objects.get(profile), lock: lock === undefined ? undefined : objects.get(lock) } as LintOptions;
  if (!options.profile) throw new Error('the worker has no profile for this job');
  const { text, language } = job;
  switch (job.op) {
    case 'lint': {
      // Only Python keeps a parse (Dockerfiles are parsed by dockerfile-ast, which has no incremental mode).
      if (job.document !== undefined && language === 'python') options.memo = memoFor(job.document);
      const result = await inProcess.lint(text, language, options);
      return {
        findings: result.findings,
        total: result.total,
        suppressions: result.findings.map((f) => result.suppressionEdit(f)),
        fileSuppressions: result.findings.map((f) => result.fileSuppressionEdit(f)),
      };
    }
    case 'verify':
      return { reason: await inProcess.verify(text, language, options, job.finding!, job.fix!) };
    case 'fixAll':
      return { text: await inProcess.fixAll(text, language, options) };
  }
}

/**
 * The thread's own heap and external memory (tree-sitter's WebAssembly memory counts as external): the
 * same sum as `process.memoryUsage()`'s heapTotal + external. That call took about 0.8 ms here, in the
 * server's worker, on the path of every edit; this one takes microseconds.
 */
function footprint(): number {
  const heap = getHeapStatistics();
  return heap.total_heap_size + heap.external_memory;
}

parentPort?.on('message', (job: JobRequest) => {
  run(job).then(
    (reply) => parentPort!.postMessage({ id: job.id, footprint: footprint(), ...reply }),
    (e: Error) => parentPort!.postMessage({ id: job.id, footprint: footprint(), error: e?.stack ?? String(e) }),
  );
});
