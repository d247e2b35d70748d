// A small JSON document validated by a zod schema, written durably and one write at a time. An unreadable or
// invalid file is never replaced by defaults: opening it fails loudly with the path, and the file is left as is
// (quarantine and restore from backups arrive with issue #3).
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { JsonDocument } from '../core/ports.ts';
import { writeFileDurably } from './durable-file.ts';

export class DocumentError extends Error {
  readonly path: string;

  constructor(path: string, message: string, options?: ErrorOptions) {
    super(`${path}: ${message}`, options);
    this.name = 'DocumentError';
    this.path = path;
  }
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function openJsonDocument<S extends z.ZodType>(path: string, schema: S, initial: (() => z.output<S>) | null): Promise<JsonDocument<z.output<S>>> {
  const raw = await readIfPresent(path);
  let data: z.output<S>;
  if (raw === null) {
    if (!initial) throw new DocumentError(path, 'the file does not exist');
    data = schema.parse(initial());
    await writeFileDurably(path, JSON.stringify(data, null, 2));
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new DocumentError(path, 'the file is not valid JSON (it may be truncated or corrupt)', { cause: error });
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw new DocumentError(path, `the file does not match its schema: ${result.error.issues[0]?.message ?? ''}`);
    data = result.data;
  }

  let queue: Promise<void> = Promise.resolve();
  return {
    get data() {
      return data;
    },
    update(mutate) {
      const run = async () => {
        const draft = structuredClone(data);
        mutate(draft);
        const next = schema.parse(draft);
        await writeFileDurably(path, JSON.stringify(next, null, 2));
        data = next;
      };
      const step = queue.then(run);
      queue = step.catch(() => undefined);
      return step;
    },
  };
}
