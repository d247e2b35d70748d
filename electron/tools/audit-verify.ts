// `npm run audit:verify -- --data-dir DIR`: verifies every audit log of a data folder (the organisation's and each
// shop's) without the console running and without its secrets: the hash chain, the signed checkpoints in each
// database and the signed head kept beside it, against the public half of the console's audit key. Prints one
// line per log and every problem with the entry where it starts; exits 1 when any log has a problem.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ORG_LOG } from '../core/ports.ts';
import { defaultDataDir } from '../hosting/data-dir.ts';
import { readAuditPublicKeys } from '../storage/audit-key.ts';
import { verifyAuditFile } from '../storage/sqlite/audit-verify.ts';
import { auditPaths } from '../storage/sqlite/shop-streams.ts';

export type LogReport = Readonly<{
  log: string;
  entries: number;
  checkpointedEntries: number;
  problems: readonly { kind: string; at: number; message: string }[];
  ms: number;
}>;

export async function verifyDataDir(dataDir: string): Promise<LogReport[]> {
  const publicKeys = readAuditPublicKeys(dataDir);
  const shopsDir = join(dataDir, 'shops');
  const shopIds = existsSync(shopsDir)
    ? readdirSync(shopsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
        .map((d) => d.name)
        .sort()
    : [];
  const reports: LogReport[] = [];
  for (const key of [ORG_LOG, ...shopIds]) {
    const { database, checkpointFile } = auditPaths(dataDir, key);
    if (!existsSync(database)) continue;
    const started = performance.now();
    const result = await verifyAuditFile(database, publicKeys, checkpointFile);
    reports.push({ log: key === ORG_LOG ? 'organisation' : key, ...result, ms: performance.now() - started });
  }
  return reports;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  if (!existsSync(dataDir)) {
    process.stderr.write(`audit:verify: no data folder at ${dataDir}\n`);
    return 2;
  }
  if (readAuditPublicKeys(dataDir).length === 0)
    process.stderr.write('audit:verify: audit-key.json is missing: no checkpoint can be checked\n');
  const reports = await verifyDataDir(dataDir);
  let bad = 0;
  for (const r of reports) {
    const rate = r.ms > 0 ? Math.round(r.entries / (r.ms / 1000)) : 0;
    process.stdout.write(
      `${r.problems.length === 0 ? 'ok  ' : 'FAIL'} ${r.log}: ${r.entries} entries, ${r.checkpointedEntries} under a signed checkpoint, ${r.ms.toFixed(0)} ms (${rate} entries/s)\n`,
    );
    for (const p of r.problems) process.stdout.write(`       ${p.kind} at entry ${p.at}: ${p.message}\n`);
    if (r.problems.length > 0) bad += 1;
  }
  process.stdout.write(
    bad === 0 ? `all ${reports.length} logs verified\n` : `${bad} of ${reports.length} logs have problems\n`,
  );
  return bad === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
