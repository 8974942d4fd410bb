import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { builtinProfile, DEFAULT_PROFILE, type Finding, type Fix, type Language, type LintOptions, type TextEdit } from '../engine';
import type { Linter, ShownResult } from './linter';

export interface JobRequest {
  id: number;
  op: 'lint' | 'verify' | 'fixAll';
  text: string;
  language: Language;
  finding?: Finding;
  fix?: Fix;
  /** The open document this text is a version of: the worker keeps its last parse (see engineWorker.ts). */
  document?: string;
  /** The options with the profile and lock replaced by ids; `objects` carries those the worker has not seen. */
  options: Omit<LintOptions, 'profile' | 'lock'> & { profile: number; lock?: number };
  objects: Array<[number, unknown]>;
  forget: number[];
}

export interface JobReply {
  id: number;
  /** The worker's heap and external memory after the job, in bytes. */
  footprint: number;
  error?: string;
  findings?: Finding[];
  total?: number;
  suppressions?: TextEdit[];
  fileSuppressions?: Array<TextEdit | undefined>;
  /** Why a fix fails verification. */
  reason?: string;
  /** The text after fix-all. */
  text?: string;
}

/** Texts this long (UTF-16 units) are linted in a worker of their own, ended as soon as it is idle. */
export const LARGE_TEXT = 1024 * 1024;
/** A worker whose heap and external memory (WebAssembly included) pass this is replaced once idle. */
export const RECYCLE_FOOTPRINT = 160 * 1024 * 1024;
/**
 * The young generation of the small-document worker, in MB. V8 grows it to 48 MB under the burst of
 * checks that opening many documents makes (32 MB committed after 1,000), and keeps it; most of it is
 * garbage. 12 MB kept the server's RSS after 1,000 documents 17 MiB lower with no CPU per edit lost
 * beyond the noise (bench/editor.mjs, paired runs; 4 MB cost 10–20% more CPU at 10,000 lines).
 */
export const SMALL_YOUNG_GENERATION_MB = 12;
/** Profiles and locks a worker keeps; older ones are sent again if needed. */
const KEPT_OBJECTS = 8;

/** A job's worker was ended before it answered: its result is no longer wanted. */
export class WorkerEnded extends Error {
  constructor() {
    super('the engine worker was ended');
  }
}

interface Pending {
  resolve(reply: JobReply): void;
  reject(error: Error): void;
}

/**
 * One worker thread and the jobs sent to it. It starts on the first job, and is ended when idle if
 * `endWhenIdle` says so; the next job starts a fresh one. A worker that dies fails its jobs, not the server.
 */
export class EngineWorker {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private sent = new Map<object, number>();
  /** Workers started so far (for tests and logs). */
  started = 0;
  /** Called after the worker was ended because it was idle and `endWhenIdle` said so. */
  onEnded?: () => void;

  constructor(
    private readonly endWhenIdle: (footprint: number) => boolean,
    private readonly script = join(__dirname, 'engineWorker.js'),
    private readonly youngGenerationMb?: number,
  ) {}

  /** Whether a worker thread exists now. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** The heap limits the running worker's engine has (undefined when none runs). */
  get resourceLimits(): Worker['resourceLimits'] {
    return this.worker?.resourceLimits;
  }

  run(
    op: JobRequest['op'],
    language: Language,
    text: string,
    options: LintOptions,
    extra: Pick<JobRequest, 'finding' | 'fix' | 'document'> = {},
  ): Promise<JobReply> {
    const worker = this.start();
    const id = this.nextId++;
    const objects: Array<[number, unknown]> = [];
    const forget: number[] = [];
    const ref = (value: object) => {
      let key = this.sent.get(value);
      if (key === undefined) {
        key = this.nextId++;
        this.sent.set(value, key);
        objects.push([key, value]);
        if (this.sent.size > KEPT_OBJECTS) {
          const [oldest, oldKey] = this.sent.entries().next().value!;
          this.sent.delete(oldest);
          forget.push(oldKey);
        }
      }
      return key;
    };
    const { profile, lock, ...rest } = options;
    const job: JobRequest = { id, op, text, language, ...extra, options: { ...rest, profile: ref(profile), lock: lock && ref(lock) }, objects, forget };
    return new Promise<JobReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Only a worker with jobs keeps the process alive.
      worker.ref();
      worker.postMessage(job);
    });
  }

  /** Ends the worker now; its jobs fail with `WorkerEnded`. */
  end(): void {
    const worker = this.worker;
    if (!worker) return;
    this.forgetWorker();
    this.failAll(new WorkerEnded());
    void worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // A runaway heap ends the worker (its jobs fail), not the language server.
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: this.youngGenerationMb } });
    this.worker = worker;
    this.started++;
    worker.on('message', (reply: JobReply) => this.settle(worker, reply));
    worker.on('error', (e) => this.died(worker, e));
    worker.on('exit', (code) => this.died(worker, new Error(`the engine worker stopped (exit code ${code})`)));
    return worker;
  }

  private settle(worker: Worker, reply: JobReply): void {
    const job = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (!this.busy) worker.unref();
    if (reply.error) job?.reject(new Error(reply.error));
    else job?.resolve(reply);
    if (!this.busy && this.worker === worker && this.endWhenIdle(reply.footprint)) {
      this.end();
      this.onEnded?.();
    }
  }

  private died(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.forgetWorker();
    this.failAll(error);
  }

  private forgetWorker(): void {
    this.worker = undefined;
    this.sent = new Map();
  }

  private failAll(error: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(error);
  }
}

/**
 * The engine in worker threads: documents under `LARGE_TEXT` in one long-lived worker (replaced once its
 * heap grew by `RECYCLE_GROWTH`), larger ones in a worker of their own that ends as soon as it is idle,
 * so the memory a large file took is given back when its check is done and never waits on a close.
 */
export class WorkerLinter implements Linter {
  readonly small = new EngineWorker((footprint) => footprint > RECYCLE_FOOTPRINT, undefined, SMALL_YOUNG_GENERATION_MB);
  readonly large = new EngineWorker(() => true);

  constructor() {
    this.small.onEnded = () => this.warm();
  }

  /** Starts the small-document worker and loads the Python grammar, so the first check is as quick as the next. */
  warm(): void {
    const options = { profile: builtinProfile(DEFAULT_PROFILE)! };
    this.small.run('lint', 'python', 'import hashlib\n', options).catch(() => undefined);
  }

  /** A large document closed: a check of it still running is not wanted; says whether one was ended. */
  dropLarge(): boolean {
    if (!this.large.busy) return false;
    this.large.end();
    return true;
  }

  private lane(text: string): EngineWorker {
    return text.length >= LARGE_TEXT ? this.large : this.small;
  }

  async lint(text: string, language: Language, options: LintOptions, document?: string): Promise<ShownResult> {
    const reply = await this.lane(text).run('lint', language, text, options, { document });
    const findings = reply.findings ?? [];
    const edits = new Map(findings.map((f, i) => [f, reply.suppressions?.[i]]));
    const fileEdits = new Map(findings.map((f, i) => [f, reply.fileSuppressions?.[i]]));
    return {
      findings,
      total: reply.total ?? findings.length,
      suppressionEdit: (f) => edits.get(f) ?? { range: { start: f.range.start, end: f.range.start }, newText: '' },
      fileSuppressionEdit: (f) => fileEdits.get(f),
    };
  }

  async verify(text: string, language: Language, options: LintOptions, finding: Finding, fix: Fix): Promise<string | undefined> {
    return (await this.lane(text).run('verify', language, text, options, { finding, fix })).reason;
  }

  async fixAll(text: string, language: Language, options: LintOptions): Promise<string> {
    return (await this.lane(text).run('fixAll', language, text, options)).text ?? text;
  }

  /** Ends both workers (the server is shutting down). */
  end(): void {
    this.small.end();
    this.large.end();
  }
}
