// Small JSON documents (lowdb) behind a durable adapter. Writes replace the file durably; every document carries a
// schema version and is migrated forward on open; a file from a newer version is refused, untouched. A valid file is
// copied to rotating backups when opened. A corrupt, empty, truncated or invalid file is moved aside (quarantined)
// and the newest good backup restored, and the caller is told so it can audit and warn — never a silent reset.
import { copyFile, readFile, readdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { z } from 'zod';
import type { DocumentRecovery, JsonDocument } from '../core/ports.ts';
import { mkdirPrivate, writeFileDurably } from './durable-file.ts';

export const BACKUPS_KEPT = 5;

export type DocumentErrorKind = 'corrupt' | 'newer_version' | 'missing';

export class DocumentError extends Error {
  readonly path: string;
  readonly kind: DocumentErrorKind;

  constructor(path: string, kind: DocumentErrorKind, message: string, options?: ErrorOptions) {
    super(`${path}: ${message}`, options);
    this.name = 'DocumentError';
    this.path = path;
    this.kind = kind;
  }
}

/** lowdb's adapter contract, made durable: reads report corruption instead of guessing; writes fsync and rename. */
export class DurableJsonAdapter implements Adapter<unknown> {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async read(): Promise<unknown> {
    let raw: string;
    try {
      raw = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    if (raw.trim() === '') throw new DocumentError(this.path, 'corrupt', 'the file is empty');
    try {
      return JSON.parse(raw) as unknown;
    } catch (error) {
      throw new DocumentError(this.path, 'corrupt', 'the file is not valid JSON (it may be truncated or corrupt)', {
        cause: error,
      });
    }
  }

  async write(data: unknown): Promise<void> {
    await writeFileDurably(this.path, `${JSON.stringify(data, null, 2)}\n`);
  }
}

export type DocumentSpec<S extends z.ZodType> = Readonly<{
  schema: S;
  version: number;
  /** migrations[v] turns a version-v document into version v+1. */
  migrations?: Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>>;
  /** Contents of a new document; null when the file must already exist. */
  initial: (() => z.output<S>) | null;
  now?: () => number;
}>;

function backupDir(path: string): string {
  return join(dirname(path), 'backups');
}

function backupPath(path: string, n: number): string {
  return join(backupDir(path), `${basename(path)}.${n}`);
}

async function rotateBackups(path: string): Promise<void> {
  await mkdirPrivate(backupDir(path));
  for (let n = BACKUPS_KEPT - 1; n >= 1; n -= 1) {
    await rename(backupPath(path, n), backupPath(path, n + 1)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  await copyFile(path, backupPath(path, 1));
}

function versionOf(value: unknown): number | null {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) ? version : null;
}

/** Validates a parsed document, migrating it forward; null when it is not a valid document of any known version. */
function upgrade<S extends z.ZodType>(
  path: string,
  parsed: unknown,
  spec: DocumentSpec<S>,
): { data: z.output<S>; migrated: boolean } | null {
  const version = versionOf(parsed);
  if (version === null) return null;
  if (version > spec.version) {
    throw new DocumentError(
      path,
      'newer_version',
      `written by a newer version of Seller Console (schema ${version}; this version knows ${spec.version}). Update the app; the file was not changed.`,
    );
  }
  let document = parsed as Record<string, unknown>;
  for (let v = version; v < spec.version; v += 1) {
    const step = spec.migrations?.[v];
    if (!step) return null;
    document = { ...step(document), schemaVersion: v + 1 };
  }
  const result = spec.schema.safeParse(document);
  return result.success ? { data: result.data, migrated: version !== spec.version } : null;
}

async function restoreFromBackups<S extends z.ZodType>(
  path: string,
  spec: DocumentSpec<S>,
): Promise<{ data: z.output<S>; from: string } | null> {
  const names = await readdir(backupDir(path)).catch(() => [] as string[]);
  const candidates = names
    .filter((name) => name.startsWith(`${basename(path)}.`))
    .map((name) => ({ name, n: Number(name.slice(basename(path).length + 1)) }))
    .filter(({ n }) => Number.isInteger(n))
    .sort((a, b) => a.n - b.n);
  for (const { name } of candidates) {
    const from = join(backupDir(path), name);
    try {
      const upgraded = upgrade(from, await new DurableJsonAdapter(from).read(), spec);
      if (upgraded) return { data: upgraded.data, from };
    } catch (error) {
      if (error instanceof DocumentError && error.kind === 'newer_version') throw error;
      // An unreadable backup: try the next older one.
    }
  }
  return null;
}

export async function openJsonDocument<S extends z.ZodType>(
  path: string,
  spec: DocumentSpec<S>,
): Promise<JsonDocument<z.output<S>>> {
  const adapter = new DurableJsonAdapter(path);
  // The real data is set below, once it has been read, validated, migrated or restored.
  const low = new Low<z.output<S>>(adapter as Adapter<z.output<S>>, null as z.output<S>);
  let recovery: DocumentRecovery | null = null;

  let parsed: unknown = null;
  let corruptReason: string | null = null;
  try {
    parsed = await adapter.read();
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    corruptReason = error.message;
  }

  if (corruptReason === null && parsed === null) {
    if (!spec.initial) throw new DocumentError(path, 'missing', 'the file does not exist');
    low.data = spec.schema.parse(spec.initial());
    await adapter.write(low.data);
  } else {
    const upgraded = corruptReason === null ? upgrade(path, parsed, spec) : null;
    if (upgraded) {
      await rotateBackups(path);
      low.data = upgraded.data;
      if (upgraded.migrated) await adapter.write(low.data);
    } else {
      const reason = corruptReason ?? `${path}: the file does not match its schema`;
      const restored = await restoreFromBackups(path, spec);
      if (!restored)
        throw new DocumentError(
          path,
          'corrupt',
          `${reason}; no good backup exists, so the file was left as it is. Restore it from a copy, or move it away to start this part afresh.`,
        );
      const quarantined = `${path}.corrupt-${(spec.now ?? Date.now)()}`;
      await rename(path, quarantined);
      low.data = restored.data;
      await adapter.write(low.data);
      recovery = { file: path, quarantinedAs: quarantined, restoredFrom: restored.from, reason };
    }
  }

  let queue: Promise<void> = Promise.resolve();
  return {
    get data() {
      return low.data;
    },
    recovery,
    update(mutate) {
      const run = async () => {
        const draft = structuredClone(low.data);
        mutate(draft);
        const next = spec.schema.parse(draft);
        await adapter.write(next);
        low.data = next;
      };
      const step = queue.then(run);
      queue = step.catch(() => undefined);
      return step;
    },
  };
}
