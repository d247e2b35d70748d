import { describe, expect, it } from 'vitest';
import { readStocktakes, stocktakesTable } from '../../../../electron/storage/sqlite/tables/stocktakes.ts';
import { databaseAt, tables, upgrade } from './helpers.ts';

describe('migration 010: stocktake sheets', () => {
  it('adds the table; a sheet written again is one row in its latest state', () => {
    const db = databaseAt(9);
    upgrade(db, 10);
    expect(tables(db)).toContain('stocktake_sheets');
    const sheet = {
      id: 'st_1',
      createdAt: 1,
      createdBy: 'p1',
      status: 'counting' as const,
      lines: [{ sku: 'A', book: 10, first: null, second: null }],
      postedAt: null,
      postedBy: null,
    };
    const counted = { ...sheet, lines: [{ ...sheet.lines[0]!, first: { count: 9, by: 'p2', at: 2 } }] };
    const statements = stocktakesTable.prepare(db);
    stocktakesTable.write(statements, [sheet]);
    stocktakesTable.write(statements, [counted]);
    expect(readStocktakes(db)).toEqual([counted]);
  });
});
