// A hybrid logical clock (Kulkarni et al.): timestamps that follow physical time where clocks agree and never run
// backwards or collide where they do not. Each stamp is the wall time in ms, a counter for events within the same
// ms (or after receiving a stamp from a clock that runs ahead), and the node that made it; stamps compare as plain
// strings. Written here over an injected `now()` (no global clock, no Date.now()): the cases handled follow
// Actual's timestamp.ts (send, receive, drift, counter overflow).

/** `<ms, 15 digits>-<counter, 4 hex digits>-<node>`: sorts as (ms, counter, node). */
export type Hlc = string;

export const HLC_MAX_COUNTER = 0xffff;
/** A remote stamp further ahead of our wall clock than this is reported (the stamp is still kept: see receive). */
export const HLC_MAX_DRIFT_MS = 5 * 60_000;

const NODE = /^[A-Za-z0-9_.@-]{1,64}$/;
const STAMP = /^(\d{15})-([0-9a-f]{4})-([A-Za-z0-9_.@-]{1,64})$/;

export type HlcParts = Readonly<{ ms: number; counter: number; node: string }>;

export class HlcOverflowError extends Error {
  constructor() {
    super(`more than ${HLC_MAX_COUNTER + 1} clock events in one millisecond`);
    this.name = 'HlcOverflowError';
  }
}

export function encodeHlc(parts: HlcParts): Hlc {
  if (!NODE.test(parts.node)) throw new Error(`invalid HLC node id: ${parts.node}`);
  if (!Number.isInteger(parts.ms) || parts.ms < 0 || parts.ms > 999_999_999_999_999)
    throw new Error(`invalid HLC time: ${parts.ms}`);
  if (!Number.isInteger(parts.counter) || parts.counter < 0 || parts.counter > HLC_MAX_COUNTER)
    throw new HlcOverflowError();
  return `${String(parts.ms).padStart(15, '0')}-${parts.counter.toString(16).padStart(4, '0')}-${parts.node}`;
}

export function decodeHlc(stamp: string): HlcParts {
  const match = STAMP.exec(stamp);
  if (!match) throw new Error(`not an HLC stamp: ${stamp.slice(0, 100)}`);
  return { ms: Number(match[1]), counter: parseInt(match[2]!, 16), node: match[3]! };
}

export function isHlc(stamp: unknown): stamp is Hlc {
  return typeof stamp === 'string' && STAMP.test(stamp);
}

/** The wall time of a stamp (ms since the epoch). */
export function hlcTime(stamp: Hlc): number {
  return Number(stamp.slice(0, 15));
}

export interface HybridClock {
  readonly node: string;
  /** A stamp for a local event: later than every stamp this clock made or received. */
  send(): Hlc;
  /**
   * Takes in a stamp from elsewhere so that every later `send()` sorts after it. Returns how far (ms) the stamp ran
   * ahead of our wall clock; past HLC_MAX_DRIFT_MS the caller should say so (a remote clock that is badly wrong).
   * The stamp is never refused: refusing would leave that edit unapplied here and the replicas apart for good.
   */
  receive(stamp: Hlc): number;
  /** The latest stamp made or received (for persistence across restarts). */
  last(): Hlc | null;
}

/** `last`: the newest stamp this node ever used or saw (restored from storage), so a restart never goes back. */
export function createHybridClock(node: string, now: () => number, last: Hlc | null = null): HybridClock {
  if (!NODE.test(node)) throw new Error(`invalid HLC node id: ${node}`);
  let ms = 0;
  let counter = 0;
  let newest: Hlc | null = null;
  if (last !== null) {
    const parts = decodeHlc(last);
    ms = parts.ms;
    counter = parts.counter;
    newest = last;
  }
  return {
    node,
    send() {
      const wall = Math.floor(now());
      if (wall > ms) {
        ms = wall;
        counter = 0;
      } else {
        counter += 1;
        if (counter > HLC_MAX_COUNTER) {
          counter -= 1;
          throw new HlcOverflowError();
        }
      }
      newest = encodeHlc({ ms, counter, node });
      return newest;
    },
    receive(stamp) {
      const remote = decodeHlc(stamp);
      const wall = Math.floor(now());
      const next = Math.max(ms, remote.ms, wall);
      let nextCounter: number;
      if (next === ms && next === remote.ms) nextCounter = Math.max(counter, remote.counter) + 1;
      else if (next === ms) nextCounter = counter + 1;
      else if (next === remote.ms) nextCounter = remote.counter + 1;
      else nextCounter = 0;
      if (nextCounter > HLC_MAX_COUNTER) throw new HlcOverflowError();
      ms = next;
      counter = nextCounter;
      const mine = encodeHlc({ ms, counter, node });
      newest = newest === null || mine > newest ? mine : newest;
      return Math.max(0, remote.ms - wall);
    },
    last: () => newest,
  };
}
