// 盘点: a sheet of SKUs with the book (on the shelf) as it stood when the sheet was made, counted blind — a counter
// never sees the book. A line whose first count is off by more than 5 units or 5% waits for a second count by
// another person; the second stands. A fully counted sheet is posted by someone with stock.edit: each variance
// (final count − book) becomes one stocktake movement, and the audit entry names both counts of every line.
import {
  AppError,
  grants,
  grantsInShop,
  type MethodInput,
  type SessionInfo,
  type StocktakeSheet,
} from '../../../shared/contract/index.ts';
import { finalCount, needsRecount, openLines, type CountLine } from '../../../shared/domain/stock/stocktake.ts';
import type { CommandTx } from '../module.ts';
import { ORG_LOG, type ShopStreams, type StoredSheet } from '../ports.ts';
import type { SkuCatalogue } from './sku-catalogue.ts';
import type { StockService } from './stock-service.ts';

export interface Stocktakes {
  load(): void;
  list(session: SessionInfo): StocktakeSheet[];
  start(session: SessionInfo, input: MethodInput<'inventory.startStocktake'>, tx: CommandTx): Promise<StocktakeSheet>;
  submit(session: SessionInfo, input: MethodInput<'inventory.submitCounts'>, tx: CommandTx): Promise<StocktakeSheet>;
  post(session: SessionInfo, sheetId: string, tx: CommandTx): Promise<StocktakeSheet>;
}

/** Whether the person may see the book (and so review and post): stock.edit in some shop, or the owner. */
function reviewer(session: SessionInfo): boolean {
  if (session.kind === 'owner') return true;
  return Object.keys(session.shopGrants ?? {}).some((id) => grants(grantsInShop(session, id), 'stock.edit'));
}

export function createStocktakes(
  deps: Readonly<{
    streams: ShopStreams;
    catalogue: SkuCatalogue;
    stock: StockService;
    ids: { next(prefix: string): string };
  }>,
): Stocktakes {
  const sheets = new Map<string, StoredSheet>();

  function view(sheet: StoredSheet, session: SessionInfo): StocktakeSheet {
    const sees = reviewer(session);
    return {
      ...sheet,
      lines: sheet.lines.map((line) => {
        const waiting =
          line.first === null
            ? 'first'
            : line.second === null && needsRecount(line.book, line.first.count)
              ? 'second'
              : 'none';
        const final = finalCount(line);
        return {
          sku: line.sku,
          title: deps.catalogue.get(line.sku)?.title ?? line.sku,
          book: sees ? line.book : null,
          // A blind count: a counter sees that a line was counted, not what the other counter found.
          first:
            line.first && (sees || line.first.by === session.userId)
              ? line.first
              : line.first && { ...line.first, count: null },
          second:
            line.second && (sees || line.second.by === session.userId)
              ? line.second
              : line.second && { ...line.second, count: null },
          waiting,
          variance: sees && final !== null ? final - line.book : null,
        };
      }),
    };
  }

  function requireSheet(sheetId: string): StoredSheet {
    const sheet = sheets.get(sheetId);
    if (!sheet) throw new AppError('not_found', `no stocktake sheet ${sheetId}`);
    return sheet;
  }

  async function save(sheet: StoredSheet, tx: CommandTx): Promise<void> {
    await tx.write(ORG_LOG, { stocktakes: [sheet] });
    sheets.set(sheet.id, sheet);
  }

  return {
    load() {
      sheets.clear();
      for (const sheet of deps.streams.stocktakeSheets(ORG_LOG)) sheets.set(sheet.id, sheet);
    },
    list(session) {
      return [...sheets.values()].reverse().map((sheet) => view(sheet, session));
    },
    async start(session, { skus }, tx) {
      const codes =
        skus.length > 0
          ? [...new Set(skus)]
          : deps.catalogue
              .all()
              .filter((s) => !s.archived)
              .map((s) => s.code);
      const unknown = codes.find((code) => !deps.catalogue.get(code));
      if (unknown) throw new AppError('not_found', `no SKU ${unknown}`);
      if (codes.length === 0) throw new AppError('invalid_input', 'a stocktake counts at least one SKU');
      const sheet: StoredSheet = {
        id: deps.ids.next('st'),
        createdAt: tx.at,
        createdBy: session.userId,
        status: 'counting',
        lines: codes
          .sort()
          .map((sku) => ({ sku, book: deps.stock.position(sku).quantities.normal, first: null, second: null })),
        postedAt: null,
        postedBy: null,
      };
      tx.target({ kind: 'stocktake', id: sheet.id });
      tx.record({ sheet: { from: null, to: { lines: sheet.lines.length } } });
      await save(sheet, tx);
      return view(sheet, session);
    },
    async submit(session, { sheetId, counts }, tx) {
      const sheet = requireSheet(sheetId);
      if (sheet.status !== 'counting') throw new AppError('conflict', 'this sheet is posted already');
      const bySku = new Map(counts.map((c) => [c.sku, c.count]));
      const recorded: Record<string, { from: unknown; to: unknown }> = {};
      const lines: CountLine[] = sheet.lines.map((line) => {
        const count = bySku.get(line.sku);
        if (count === undefined) return line;
        bySku.delete(line.sku);
        const entry = { count, by: session.userId, at: tx.at };
        if (line.first === null) {
          recorded[line.sku] = { from: null, to: { first: count } };
          return { ...line, first: entry };
        }
        if (line.second === null && needsRecount(line.book, line.first.count)) {
          if (line.first.by === session.userId)
            throw new AppError('forbidden', `${line.sku}: the second count is made by another person`);
          recorded[line.sku] = { from: { first: line.first.count }, to: { second: count } };
          return { ...line, second: entry };
        }
        throw new AppError('conflict', `${line.sku} is counted already`);
      });
      const stray = [...bySku.keys()][0];
      if (stray) throw new AppError('not_found', `${stray} is not on this sheet`);
      tx.target({ kind: 'stocktake', id: sheet.id });
      tx.record(recorded);
      const next = { ...sheet, lines };
      await save(next, tx);
      return view(next, session);
    },
    async post(session, sheetId, tx) {
      const sheet = requireSheet(sheetId);
      if (sheet.status !== 'counting') throw new AppError('conflict', 'this sheet is posted already');
      const open = openLines(sheet.lines);
      if (open.length > 0)
        throw new AppError('conflict', `${open.length} lines still wait for a count`, { open: open.map((l) => l.sku) });
      const posted: StoredSheet = { ...sheet, status: 'posted', postedAt: tx.at, postedBy: session.userId };
      tx.target({ kind: 'stocktake', id: sheet.id });
      await deps.stock.postMany(
        session,
        sheet.lines
          .map((line) => ({ line, variance: finalCount(line)! - line.book }))
          .filter(({ variance }) => variance !== 0)
          .map(({ line, variance }) => ({
            id: `stocktake:${sheet.id}:${line.sku}`,
            sku: line.sku,
            kind: 'stocktake' as const,
            delta: { normal: variance },
            note: `盘点 ${sheet.id}`,
          })),
        tx,
        { stocktakes: [posted] },
        {
          lines: {
            from: null,
            to: sheet.lines.map((l) => ({
              sku: l.sku,
              book: l.book,
              first: l.first?.count ?? null,
              second: l.second?.count ?? null,
            })),
          },
        },
      );
      sheets.set(posted.id, posted);
      return view(posted, session);
    },
  };
}
