// The roster as a spreadsheet (issue #12): CSV and XLSX exports with Chinese headers and a BOM read back with
// papaparse and exceljs; an export imported again changes nothing; cells a spreadsheet would run as a formula are
// neutralised on export and restored on import; a file with problems lists them by line and column and applies
// nothing.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, ImportPreview, RosterPerson } from '../../../shared/contract/index.ts';
import { peopleTable, toCsv, toXlsx } from '../../../electron/core/roster/roster-file.ts';
import { loggedIn, startCoreFixture, type CoreFixture } from '../../support/core-fixture.ts';

let fixture: CoreFixture;
let owner: Caller;

beforeAll(async () => {
  fixture = await startCoreFixture({ messagesPerMinute: 0.001 });
  owner = await loggedIn(fixture.core, 'owner');
});
afterAll(() => fixture.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await fixture.core.dispatch(owner, method, input);
  if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code}`), result.error);
  return result.value as T;
}

const people = async () => (await call<{ people: RosterPerson[] }>('roster.people', {})).people;

describe('roster spreadsheets', () => {
  it('imports a CSV, and an export of it imports again as "no change" (CSV and XLSX)', async () => {
    const csv = [
      '\uFEFF姓名,花名,工号,部门,岗位,职级,直属主管,入职日期,电话,钉钉号,状态',
      '周一,一一,E-1001,客服部,售前,P2,主管Amy,2025-03-01,138 0000 0001,zhou1,在职',
      '周二,,E-1002,客服部,售后,P1,E-1001,2025/04/02,,,在职',
    ].join('\n');
    expect(await call<ImportPreview>('roster.previewImport', { format: 'csv', content: csv })).toEqual({
      creates: 2,
      updates: 0,
      unchanged: 0,
      problems: [],
    });
    await call('roster.importPeople', { format: 'csv', content: csv });
    const imported = await people();
    const zhou1 = imported.find((p) => p.employeeNo === 'E-1001')!;
    const zhou2 = imported.find((p) => p.employeeNo === 'E-1002')!;
    expect(zhou1).toMatchObject({ displayName: '周一', nickname: '一一', title: '售前', hireDate: '2025-03-01' });
    expect(zhou1.supervisorId).toBe(imported.find((p) => p.login === 'amy')!.id);
    expect(zhou2).toMatchObject({ supervisorId: zhou1.id, hireDate: '2025-04-02' });

    const exported = await call<{ fileName: string; content: string; rows: number }>('roster.exportPeople', {
      format: 'csv',
    });
    expect(exported.fileName).toMatch(/^员工-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.content.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(exported.content.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([
      '姓名',
      '花名',
      '工号',
      '部门',
      '岗位',
      '职级',
      '直属主管',
      '入职日期',
      '电话',
      '钉钉号',
      '状态',
      '子账号',
    ]);
    expect(rows.find((r) => r[2] === 'E-1002')).toEqual(
      expect.arrayContaining(['周二', 'E-1002', '客服部', '售后', 'E-1001', '2025-04-02', '在职']),
    );
    expect(rows).toHaveLength(exported.rows + 1);
    const again = await call<ImportPreview>('roster.previewImport', { format: 'csv', content: exported.content });
    // Matched by 工号, or by a name only one person has (the demo people have no 工号): nothing new, nothing changed.
    expect(again).toEqual({ creates: 0, updates: 0, unchanged: exported.rows, problems: [] });

    const xlsx = await call<{ content: string }>('roster.exportPeople', { format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('员工');
    expect(sheet.getRow(1).getCell(1).value).toBe('姓名');
    expect(sheet.rowCount).toBe(exported.rows + 1);
    expect(await call<ImportPreview>('roster.previewImport', { format: 'xlsx', content: xlsx.content })).toMatchObject({
      updates: 0,
      problems: [],
    });
  });

  it.each([['=HYPERLINK("http://x","y")'], ['+86 138'], ['-1+2'], ['@SUM(A1)']])(
    'neutralises %j on export (CSV and XLSX) and restores it on import',
    async (nickname) => {
      const [person] = (await people()).filter((p) => p.employeeNo === 'E-1001');
      await call('roster.savePerson', { personId: person!.id, profile: { ...person, nickname } });
      const csv = await call<{ content: string }>('roster.exportPeople', { format: 'csv' });
      const row = Papa.parse<string[]>(csv.content.slice(1), { skipEmptyLines: true }).data.find(
        (r) => r[2] === 'E-1001',
      )!;
      expect(row[1]).toBe(`'${nickname}`);
      const xlsx = await call<{ content: string }>('roster.exportPeople', { format: 'xlsx' });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
      const cells: unknown[] = [];
      workbook.worksheets[0]!.eachRow((r) => {
        if (r.getCell(3).value === 'E-1001') cells.push(r.getCell(2).value);
      });
      expect(cells).toEqual([`'${nickname}`]);
      // Importing the export changes nothing: the apostrophe is ours and comes off.
      expect(await call<ImportPreview>('roster.previewImport', { format: 'csv', content: csv.content })).toMatchObject({
        updates: 0,
        problems: [],
      });
    },
  );

  it('neutralises a leading tab or carriage return too (the forms trim them, an export must not trust that)', async () => {
    const [person] = (await people()).filter((p) => p.employeeNo === 'E-1001');
    const rows = peopleTable([{ ...person!, nickname: '\tTAB', title: '\rCR' }], []);
    const csv = Papa.parse<string[]>(toCsv(rows).slice(1), { skipEmptyLines: true }).data;
    expect([csv[1]![1], csv[1]![4]]).toEqual(["'\tTAB", "'\rCR"]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await toXlsx(rows), 'base64') as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(2);
    // (XML turns a lone CR into a line feed; what counts is that the cell starts with the apostrophe.)
    expect([row.getCell(2).value, String(row.getCell(5).value).replace('\n', '\r')]).toEqual(["'\tTAB", "'\rCR"]);
  });

  it('lists every problem by line and column and applies nothing', async () => {
    const before = await people();
    const csv = [
      '姓名,工号,部门,直属主管,入职日期,电话,状态',
      ',E-2001,客服部,,,,在职',
      '好人,E-2002,不存在的部门,,,,在职',
      '坏日期,E-2003,,,2025-13-45x,,在职',
      '坏电话,E-2004,,,,电话号码,在职',
      '重复,E-2002,,,,,在职',
      '状态,E-2005,,,,,休假',
      '主管,E-2006,,没有这个人,,,在职',
      '这一行没问题,E-2007,,,,,在职',
    ].join('\n');
    const preview = await call<ImportPreview>('roster.previewImport', { format: 'csv', content: csv });
    expect(preview.problems.map((p) => [p.line, p.column])).toEqual([
      [2, '姓名'],
      [3, '部门'],
      [4, '入职日期'],
      [5, '电话'],
      [6, '工号'],
      [7, '状态'],
      [8, '直属主管'],
    ]);
    expect(preview.problems[1]!.message).toContain('不存在的部门');
    const result = await fixture.core.dispatch(owner, 'roster.importPeople', { format: 'csv', content: csv });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await people()).toEqual(before);
    // A file that is not a spreadsheet at all says so.
    const broken = await call<ImportPreview>('roster.previewImport', { format: 'xlsx', content: 'bm90IGEgemlw' });
    expect(broken.problems[0]!.message).toMatch(/not an XLSX file/);
    const headerless = await call<ImportPreview>('roster.previewImport', { format: 'csv', content: 'a,b\n1,2\n' });
    expect(headerless.problems[0]).toMatchObject({ line: 1, column: '姓名' });
  });
});
