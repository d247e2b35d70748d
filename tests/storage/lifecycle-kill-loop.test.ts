// Crash safety of the multi-file steps: the console is killed with SIGKILL at random moments of its first start
// (demo seed included), of later starts, and of adding, renaming, archiving and restoring shops — at least 200
// times over fresh and reused data folders. Every start afterwards must succeed with the owner able to log in,
// nothing may be quarantined (a kill is not damage), and every acknowledged change must be there.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../electron/connectors/demo-platform/seeded-random.ts';
import { makeTempDir } from '../support/core-fixture.ts';

const KILLS = 200;
const RUNS_PER_FOLDER = 5;
const DEMO_SHOPS = ['tmall-mianyu', 'taobao-xiaolu', 'jd-mianyu', 'pdd-mianyu', 'douyin-xiaolu'];

type Shop = { id: string; name: string };
type Archived = { archiveId: string; id: string; name: string };
type State = { open: Shop[]; archived: Archived[]; notices: number };
type Op =
  | { op: 'add'; name: string; id?: string }
  | { op: 'rename'; id: string; name: string }
  | { op: 'archive'; id: string; archiveId?: string }
  | { op: 'restore'; archiveId: string; id: string };
type Run = {
  ready: State | null;
  pending: Op | null;
  acknowledged: Op[];
  killed: boolean;
  exitCode: number | null;
  stderr: string;
  readyAtMs: number | null;
};

/** Kills at `killAtMs` after the spawn, or — when `afterReadyMs` is set — that long after READY. */
function runAndKill(dataDir: string, seed: number, timing: { killAtMs?: number; afterReadyMs?: number }): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['tests/support/lifecycle-kill-child.ts', dataDir, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = {
      ready: null,
      pending: null,
      acknowledged: [],
      killed: false,
      exitCode: null,
      stderr: '',
      readyAtMs: null,
    };
    const kill = () => {
      run.killed = child.exitCode === null;
      child.kill('SIGKILL');
    };
    if (timing.killAtMs !== undefined) setTimeout(kill, timing.killAtMs);
    // A start that hangs is a failure too; it must not hang the test.
    const hung = setTimeout(() => {
      run.stderr += '\n(no READY within 20 s: killed)';
      child.kill('SIGKILL');
    }, 20_000);
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // only complete lines count
      for (const line of lines) {
        if (line.startsWith('READY ')) {
          run.ready = JSON.parse(line.slice(6)) as State;
          run.readyAtMs = performance.now() - started;
          if (timing.afterReadyMs !== undefined) setTimeout(kill, timing.afterReadyMs);
        } else if (line.startsWith('I ')) run.pending = JSON.parse(line.slice(2)) as Op;
        else if (line.startsWith('OK ')) {
          run.acknowledged.push(JSON.parse(line.slice(3)) as Op);
          run.pending = null;
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(hung);
      run.exitCode = code;
      resolve(run);
    });
  });
}

function apply(state: { open: Map<string, string>; archived: Map<string, Archived> }, op: Op): void {
  switch (op.op) {
    case 'add':
      state.open.set(op.id!, op.name);
      break;
    case 'rename':
      state.open.set(op.id, op.name);
      break;
    case 'archive':
      state.archived.set(op.archiveId!, { archiveId: op.archiveId!, id: op.id, name: state.open.get(op.id)! });
      state.open.delete(op.id);
      break;
    case 'restore':
      state.open.set(op.id, state.archived.get(op.archiveId)!.name);
      state.archived.delete(op.archiveId);
      break;
    default:
      op satisfies never;
  }
}

/**
 * What a start shows must be the acknowledged state, or — for the one operation in flight at the kill — that
 * state with the operation done. Returns what differs from both (empty when it matches one).
 */
function explain(
  expected: { open: Map<string, string>; archived: Map<string, Archived> },
  pending: Op | null,
  actual: State,
): string[] {
  const problems: string[] = [];
  const open = new Map(actual.open.map((s) => [s.id, s.name]));
  const archived = new Map(actual.archived.map((a) => [a.archiveId, a]));
  for (const [id, name] of expected.open) {
    const touched = pending && 'id' in pending && pending.id === id;
    if (open.get(id) === name) continue;
    if (touched && pending.op === 'rename' && open.get(id) === pending.name) continue;
    if (
      touched &&
      pending.op === 'archive' &&
      !open.has(id) &&
      actual.archived.some((a) => a.id === id && a.name === name && !expected.archived.has(a.archiveId))
    )
      continue;
    problems.push(`acknowledged shop ${id} "${name}" shows as ${open.has(id) ? `"${open.get(id)}"` : 'missing'}`);
  }
  for (const [archiveId, entry] of expected.archived) {
    if (archived.has(archiveId)) continue;
    if (pending?.op === 'restore' && pending.archiveId === archiveId && open.get(entry.id) === entry.name) continue;
    problems.push(`acknowledged archive ${archiveId} is missing`);
  }
  for (const [id, name] of open) {
    if (expected.open.has(id)) continue;
    if (pending?.op === 'add' && name === pending.name) continue;
    if (pending?.op === 'restore' && pending.id === id) continue;
    problems.push(`shop ${id} "${name}" appeared without an acknowledged add or restore`);
  }
  for (const [archiveId, entry] of archived) {
    if (expected.archived.has(archiveId)) continue;
    if (pending?.op === 'archive' && pending.id === entry.id) continue;
    problems.push(`archive ${archiveId} appeared without an acknowledged archive`);
  }
  return problems;
}

/** Two folders are killed at once: each start is a process of its own, and the machine has two cores. */
const LANES = 2;

type LaneResult = { kills: number; killsInStart: number; acknowledgedOps: number; startTimes: number[] };

/** Kills `killsWanted` times over fresh folders, checking each start that gets through. */
async function lane(lane: number, killsWanted: number, startWindowMs: number): Promise<LaneResult> {
  const random = createRandom(20261201 + lane);
  const result: LaneResult = { kills: 0, killsInStart: 0, acknowledgedOps: 0, startTimes: [] };
  for (let folder = 0; result.kills < killsWanted; folder += 1) {
    const dataDir = await makeTempDir('seller-console-lifecycle-kill-');
    const expected = { open: new Map<string, string>(), archived: new Map<string, Archived>() };
    let known = false; // until a start got through, the folder holds whatever the first start left
    let pending: Op | null = null;
    try {
      for (let runIndex = 0; runIndex <= RUNS_PER_FOLDER; runIndex += 1) {
        const last = runIndex === RUNS_PER_FOLDER;
        // Half the runs are killed during the start (somewhere in the time a first start takes here), half in
        // operations.
        const timing = last
          ? { afterReadyMs: 0 }
          : random.int(0, 1) === 0 || !known
            ? { killAtMs: random.int(0, startWindowMs) }
            : { afterReadyMs: random.int(0, 300) };
        const run = await runAndKill(dataDir, lane * 100_000 + folder * 100 + runIndex, timing);
        expect(
          run.killed || run.exitCode === null,
          `a start exited by itself (code ${run.exitCode}): ${run.stderr}`,
        ).toBe(true);
        expect(run.stderr).not.toContain('no READY within');
        if (last) expect(run.ready, `the verifying start after the kills failed: ${run.stderr}`).not.toBeNull();
        if (!last) result.kills += 1;
        if (run.ready) {
          if (run.readyAtMs !== null) result.startTimes.push(run.readyAtMs);
          expect(run.ready.notices, `a kill left damage that had to be quarantined: ${JSON.stringify(run.ready)}`).toBe(
            0,
          );
          if (!known) {
            // The seed is whole at the first start that gets through: the five shops, and the owner logged in.
            expect(run.ready.open.map((s) => s.id)).toEqual(DEMO_SHOPS);
            expect(run.ready.archived).toEqual([]);
          } else {
            expect(explain(expected, pending, run.ready)).toEqual([]);
          }
          expected.open = new Map(run.ready.open.map((s) => [s.id, s.name]));
          expected.archived = new Map(run.ready.archived.map((a) => [a.archiveId, a]));
          known = true;
          for (const op of run.acknowledged) apply(expected, op);
          result.acknowledgedOps += run.acknowledged.length;
          pending = run.pending;
        } else if (!last) {
          result.killsInStart += 1;
        }
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return result;
}

describe('lifecycle kill loop', () => {
  it(
    `first start, seeding, adding, archiving and restoring shops survive ${KILLS} SIGKILLs`,
    // It asserts what survives the kills, not how fast: ~5 min alone on 2 cores, more when the machine is busy.
    { timeout: 1_500_000 },
    async () => {
      // The kills during a start land anywhere in it: measure how long a first start takes on this machine, with
      // as many starting at once as the lanes run. Twice: the first start also fills Node's compile cache, which
      // every later start uses.
      let calibrationMs = 0;
      for (const seed of [998, 999]) {
        const runs = await Promise.all(
          Array.from({ length: LANES }, async (_, i) => {
            const scratch = await makeTempDir('seller-console-lifecycle-kill-');
            const run = await runAndKill(scratch, seed * 10 + i, { afterReadyMs: 0 });
            await rm(scratch, { recursive: true, force: true });
            return run;
          }),
        );
        calibrationMs = Math.max(...runs.map((run) => run.readyAtMs ?? 1400));
      }
      const startWindowMs = Math.max(1400, Math.round(calibrationMs * 1.3));
      const lanes = await Promise.all(
        Array.from({ length: LANES }, (_, i) => lane(i, Math.ceil(KILLS / LANES), startWindowMs)),
      );
      const kills = lanes.reduce((n, l) => n + l.kills, 0);
      const killsInStart = lanes.reduce((n, l) => n + l.killsInStart, 0);
      const acknowledgedOps = lanes.reduce((n, l) => n + l.acknowledgedOps, 0);
      const startTimes = lanes.flatMap((l) => l.startTimes).sort((a, b) => a - b);
      console.log(
        `lifecycle kill loop: ${kills} kills in ${LANES} lanes (${killsInStart} before the start finished), ${acknowledgedOps} acknowledged operations checked, ` +
          `start to READY p50 ${startTimes[Math.floor(startTimes.length / 2)]?.toFixed(0)} ms (kills in a start within ${startWindowMs} ms)`,
      );
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect(killsInStart).toBeGreaterThan(KILLS / 4);
      expect(acknowledgedOps).toBeGreaterThan(KILLS);
    },
  );
});
