import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Language } from '../engine';
import type { CheckResult, Options } from './checkFile';
import type { Settings } from './config';
import { CliError, oneLine } from './errors';
import { TOOL_NAME } from '../product';

/** One file for a worker to check: its settings' profile and lock go by id (`objects` sends those it has not seen). */
export interface PoolJob {
  id: number;
  text: string;
  language: Language;
  shown: string;
  options: Options;
  settings: Omit<Settings, 'profile' | 'lock' | 'siblings'> & { profile: number; lock?: number; siblings?: number };
  objects: Array<[number, unknown]>;
  forget: number[];
}

export type PoolReply = { id: number; result: Omit<CheckResult, 'text'> } | { id: number; error: { problem: string; remedy: string } };

/** `--jobs`: a number of threads, or `auto`. */
export type Jobs = number | 'auto';

/**
 * With `--jobs auto`, workers start only once the main thread has spent this long checking and files are
 * still waiting: a worker loads the bundle (and the Python grammar when it meets Python) and compiles its
 * hot code again, about 1-1.5 s of CPU on the bench corpus (paired, loaded machine), which a pre-commit
 * hook's few files would never earn back.
 */
export const AUTO_START_MS = 500;
/** Results in flight per worker, waiting to be taken in order: enough to keep every worker busy, few enough to keep memory flat. */
export const WINDOW_PER_WORKER = 8;

export function jobsOption(value: string | undefined): Jobs {
  if (value === undefined || value === 'auto') return 'auto';
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 256) throw new CliError(`--jobs '${value}' is not a number of threads`, 'give --jobs 1 to 256, or auto');
  return n;
}

/**
 * Jobs a worker holds at once: it never idles for a message's round trip, and the main thread, which
 * also reads every file and writes the report, checks a file itself only when every worker holds this
 * many (with 2, the main thread did 60% of the checking on the bench corpus; with 4, half).
 */
const PER_WORKER = 4;
/** Profiles, locks and folder listings a worker keeps (files come folder by folder); older ones are sent again. */
const KEPT_OBJECTS = 8;

interface Queued {
  text: string;
  language: Language;
  shown: string;
  options: Options;
  settings: Settings;
  resolve(result: Omit<CheckResult, 'text'>): void;
  reject(error: Error): void;
}

/** A worker thread and the jobs it holds. */
class Lane {
  readonly pending = new Map<number, Queued>();
  private sent = new Map<object, number>();
  private readonly worker: Worker;
  /** Set when the worker died: it takes no more jobs. */
  failure?: string;

  constructor(
    script: string,
    private readonly ids: { next: number },
    private readonly onIdle: () => void,
  ) {
    this.worker = new Worker(script);
    this.worker.unref();
    this.worker.on('message', (reply: PoolReply) => this.settle(reply));
    this.worker.on('error', (e: Error) => this.died(oneLine(e?.message ?? String(e))));
    this.worker.on('exit', (code) => this.died(`it exited with code ${code}`));
  }

  send(job: Queued): void {
    const id = this.ids.next++;
    const objects: Array<[number, unknown]> = [];
    const forget: number[] = [];
    const ref = (value: object) => {
      let key = this.sent.get(value);
      // Kept in order of last use, so the profile every file uses is never the one forgotten.
      if (key !== undefined) this.sent.delete(value);
      else {
        key = this.ids.next++;
        objects.push([key, value]);
      }
      this.sent.set(value, key);
      if (this.sent.size > KEPT_OBJECTS) {
        const [oldest, oldKey] = this.sent.entries().next().value!;
        this.sent.delete(oldest);
        forget.push(oldKey);
      }
      return key;
    };
    const { profile, lock, siblings, ...rest } = job.settings;
    const message: PoolJob = {
      id,
      text: job.text,
      language: job.language,
      shown: job.shown,
      options: job.options,
      // A folder's names go once per folder, not with each of its files: a folder of 8,000 Dockerfiles made the run quadratic.
      settings: { ...rest, profile: ref(profile), lock: lock && ref(lock), siblings: siblings && ref(siblings) },
      objects,
      forget,
    };
    this.pending.set(id, job);
    // A worker with jobs keeps the process alive until it answers; an idle one does not.
    if (this.pending.size === 1) this.worker.ref();
    this.worker.postMessage(message);
  }

  end(): Promise<number> {
    this.failure ??= 'the run ended';
    return this.worker.terminate();
  }

  private settle(reply: PoolReply): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    this.pending.delete(reply.id);
    if (!this.pending.size) this.worker.unref();
    if ('error' in reply) job.reject(new CliError(reply.error.problem, reply.error.remedy));
    else job.resolve(reply.result);
    this.onIdle();
  }

  /** A worker that throws outside a job or exits fails the jobs it held, each naming its file; it never leaves them waiting. */
  private died(why: string): void {
    if (this.failure) return;
    this.failure = why;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs)
      job.reject(
        new CliError(
          `checking '${job.shown}' failed: the worker thread checking it stopped (${why})`,
          `this is a bug in ${TOOL_NAME}; please report it with the file`,
        ),
      );
    this.onIdle();
  }
}

/**
 * Worker threads that check files (`checkWorker.ts`): each job goes to a worker with room as soon as one
 * has it. Results come back in the order the workers finish; `InOrder` puts them back in the run's order.
 */
export class CheckPool {
  private readonly lanes: Lane[] = [];
  private readonly waiting: Queued[] = [];
  private readonly ids = { next: 1 };

  constructor(
    readonly size: number,
    script = join(__dirname, 'checkWorker.js'),
  ) {
    for (let i = 0; i < size; i++) this.lanes.push(new Lane(script, this.ids, () => this.feed()));
  }

  check(text: string, language: Language, settings: Settings, options: Options, shown: string): Promise<CheckResult> {
    return new Promise<Omit<CheckResult, 'text'>>((resolve, reject) => {
      this.waiting.push({ text, language, settings, options, shown, resolve, reject });
      this.feed();
    }).then((result) => ({ text, ...result }));
  }

  /** Whether a worker would take a job now, without waiting. */
  hasRoom(): boolean {
    return !this.waiting.length && this.lanes.some((l) => !l.failure && l.pending.size < PER_WORKER);
  }

  /** Ends every worker; jobs not answered yet are dropped (the run is over or has failed). */
  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.end()));
  }

  private feed(): void {
    while (this.waiting.length) {
      const open = this.lanes.filter((l) => !l.failure && l.pending.size < PER_WORKER);
      if (!open.length) {
        // Every worker died: the jobs left fail rather than wait for ever.
        if (this.lanes.every((l) => l.failure)) {
          for (const job of this.waiting.splice(0))
            job.reject(new CliError(`checking '${job.shown}' failed: no worker thread is left to check it`, `run again with --jobs 1, and please report it`));
        }
        return;
      }
      const lane = open.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      lane.send(this.waiting.shift()!);
    }
  }
}

/**
 * Takes results in the order they were added, whatever order they settle in, holding at most `limit`
 * unsettled at once (so memory stays bounded however far ahead discovery is). A failed result stops the
 * run where the single-threaded check would have stopped: everything before it is taken, nothing after.
 */
export class InOrder<T> {
  private readonly queue: Promise<T>[] = [];

  constructor(
    private readonly limit: number,
    private readonly take: (value: T) => void,
  ) {}

  async add(result: Promise<T>): Promise<void> {
    // Its failure is seen when its turn comes (drain or add), not reported as unhandled before that.
    result.catch(() => undefined);
    this.queue.push(result);
    while (this.queue.length >= this.limit) this.take(await this.queue.shift()!);
  }

  async drain(): Promise<void> {
    while (this.queue.length) this.take(await this.queue.shift()!);
  }
}
