// Day sheets of past days computed off the main thread: a pool of worker threads (kpi-days-worker.ts), each opening
// the shop's database read-only for a task and running the same computeStoredDays the main thread runs. A month of 20
// busy shops is a million messages: read and counted on the main thread it would hold up the inbox for a second or
// more; spread over the machine's cores it is done in a fraction of that while the main thread goes on.
// A request is split into as many parts as there are threads, so one shop's month also uses every core.
import { availableParallelism } from 'node:os';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DaySheet } from '../../../shared/domain/reports/kpi.ts';
import type { KpiRule } from '../../../shared/domain/reports/kpi-rules.ts';

/** The most threads the pool starts (SQLite reads and the counting scale to a few cores). */
const MAX_THREADS = 4;

export type KpiDaysTask = Readonly<{ id: number; path: string; days: readonly string[]; rule: KpiRule; now: number }>;
export type KpiDaysReply = Readonly<{ id: number; sheets?: DaySheet[]; error?: string }>;

// Under Node's type stripping the sources run as .ts; compiled for Electron they are .js (unpacked next to app.asar).
const WORKER_PATH = fileURLToPath(
  new URL(`./kpi-days-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
).replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);

export type KpiDaysPool = Readonly<{
  compute(path: string, days: readonly string[], rule: KpiRule, now: number): Promise<DaySheet[]>;
  close(): Promise<void>;
}>;

export function defaultKpiThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

export function createKpiDaysPool(threads = defaultKpiThreads()): KpiDaysPool {
  type Job = { task: KpiDaysTask; resolve(sheets: DaySheet[]): void; reject(error: Error): void };
  type Thread = { worker: Worker; job: Job | null };
  const queue: Job[] = [];
  const running = new Set<Thread>();
  let nextId = 1;
  let closed = false;

  function spawn(): Thread {
    const thread: Thread = { worker: new Worker(WORKER_PATH), job: null };
    thread.worker.unref();
    thread.worker.on('message', (reply: KpiDaysReply) => {
      const job = thread.job;
      thread.job = null;
      if (job && reply.id === job.task.id) {
        if (reply.sheets) job.resolve(reply.sheets);
        else job.reject(new Error(`computing report figures failed: ${reply.error ?? 'no answer'}`));
      }
      next(thread);
    });
    // A thread that dies fails its task (the caller computes on its own) and is replaced on the next task.
    const lost = (error: Error) => {
      running.delete(thread);
      thread.job?.reject(error);
      thread.job = null;
      pump();
    };
    thread.worker.on('error', lost);
    thread.worker.on('exit', (code) => lost(new Error(`a report thread stopped (exit code ${code})`)));
    running.add(thread);
    return thread;
  }

  function next(thread: Thread): void {
    const job = queue.shift();
    if (!job) return;
    thread.job = job;
    thread.worker.postMessage(job.task);
  }

  function pump(): void {
    if (closed) return;
    for (const thread of running) if (!thread.job) next(thread);
    while (queue.length > 0 && running.size < threads) next(spawn());
  }

  function run(task: Omit<KpiDaysTask, 'id'>): Promise<DaySheet[]> {
    if (closed) return Promise.reject(new Error('the report threads are closed'));
    return new Promise((resolve, reject) => {
      queue.push({ task: { ...task, id: nextId++ }, resolve, reject });
      pump();
    });
  }

  return {
    async compute(path, days, rule, now) {
      if (days.length === 0) return [];
      // Day i goes to part i mod n: a busy month next to a quiet one (the comparison period) is still shared out.
      const n = Math.min(threads, days.length);
      const parts = Array.from({ length: n }, (_, p) => days.filter((_, i) => i % n === p));
      const computed = await Promise.all(parts.map((part) => run({ path, days: part, rule, now })));
      return days.map((_, i) => computed[i % n]![Math.floor(i / n)]!);
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the report threads are closed'));
      const threads = [...running];
      running.clear();
      await Promise.all(threads.map((t) => t.worker.terminate()));
    },
  };
}
