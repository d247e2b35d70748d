// The roster as a spreadsheet: people exported to CSV (UTF-8 with a BOM, so Excel reads the Chinese) or XLSX with
// Chinese headers, cells that a spreadsheet would run as a formula neutralised; and a file read back into rows,
// each checked against the same rules as the edit form, with every problem listed by line and column — nothing is
// applied until the whole file is valid. Rows are matched to people by 工号 (employee no.), else by a name only one
// person has; any other row adds a person.
import Papa from 'papaparse';
import { PersonProfile, type Department, type RosterPerson } from '../../../shared/contract/index.ts';
import { spreadsheetSafe } from '../../../shared/domain/spreadsheet-safe.ts';

export const PEOPLE_COLUMNS = [
  { key: 'displayName', header: '姓名', en: 'Name' },
  { key: 'nickname', header: '花名', en: 'Nickname' },
  { key: 'employeeNo', header: '工号', en: 'Employee no.' },
  { key: 'department', header: '部门', en: 'Department' },
  { key: 'title', header: '岗位', en: 'Role title' },
  { key: 'level', header: '职级', en: 'Level' },
  { key: 'supervisor', header: '直属主管', en: 'Supervisor' },
  { key: 'hireDate', header: '入职日期', en: 'Hire date' },
  { key: 'phone', header: '电话', en: 'Phone' },
  { key: 'dingTalkId', header: '钉钉号', en: 'DingTalk id' },
  { key: 'status', header: '状态', en: 'Status' },
  { key: 'subAccounts', header: '子账号', en: 'Sub-accounts' },
] as const;

type ColumnKey = (typeof PEOPLE_COLUMNS)[number]['key'];

const STATUS_TEXT = { active: '在职', left: '已离职' } as const;

export type ImportProblem = Readonly<{ line: number; column: string; message: string }>;
/** A valid row: the person it edits (or, `isNew`, the id the person it adds will have). */
export type ImportRow = Readonly<{ line: number; personId: string; isNew: boolean; profile: PersonProfile }>;

export function peopleTable(people: readonly RosterPerson[], departments: readonly Department[]): string[][] {
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const byId = new Map(people.map((p) => [p.id, p]));
  return people.map((p) => {
    const supervisor = p.supervisorId ? byId.get(p.supervisorId) : undefined;
    const cells: Record<ColumnKey, string> = {
      displayName: p.displayName,
      nickname: p.nickname,
      employeeNo: p.employeeNo,
      department: p.departmentId ? (departmentName.get(p.departmentId) ?? '') : '',
      title: p.title,
      level: p.level,
      supervisor: supervisor ? supervisor.employeeNo || supervisor.displayName : '',
      hireDate: p.hireDate ?? '',
      phone: p.phone,
      dingTalkId: p.dingTalkId,
      status: STATUS_TEXT[p.status],
      subAccounts: p.subAccounts.map((a) => `${a.fullName}（${a.status}）`).join('；'),
    };
    return PEOPLE_COLUMNS.map((c) => cells[c.key]);
  });
}

const safeCell = (value: string) => String(spreadsheetSafe(value) ?? '');

export function toCsv(rows: readonly string[][]): string {
  return `\uFEFF${Papa.unparse({ fields: PEOPLE_COLUMNS.map((c) => c.header), data: rows.map((r) => r.map(safeCell)) })}`;
}

/** exceljs is large (tens of MB once loaded): it is loaded the first time a spreadsheet is made or read. */
const excel = async () => (await import('exceljs')).default;

export async function toXlsx(rows: readonly string[][]): Promise<string> {
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('员工');
  sheet.columns = PEOPLE_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'subAccounts' ? 40 : 14,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(safeCell));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** A file's cells as text (the first sheet of an XLSX), or the reason it cannot be read. */
export async function readTable(format: 'csv' | 'xlsx', content: string): Promise<string[][]> {
  if (format === 'csv') {
    const parsed = Papa.parse<string[]>(content.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
    if (parsed.errors.length > 0 && parsed.data.length === 0)
      throw new Error(parsed.errors[0]?.message ?? 'not a CSV file');
    return parsed.data;
  }
  const ExcelJS = await excel();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(content, 'base64') as unknown as ArrayBuffer);
  } catch {
    throw new Error('not an XLSX file (or a damaged one)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const out: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i += 1) {
      const value = row.getCell(i).value;
      cells.push(
        value === null || value === undefined
          ? ''
          : value instanceof Date
            ? value.toISOString().slice(0, 10)
            : typeof value === 'object'
              ? String(
                  (value as { text?: unknown; result?: unknown }).text ?? (value as { result?: unknown }).result ?? '',
                )
              : String(value),
      );
    }
    out.push(cells);
  });
  return out;
}

/** What an export neutralised comes back as it was: a leading apostrophe before a formula character is ours. */
const restore = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

export function parsePeople(
  table: readonly string[][],
  context: Readonly<{ people: readonly RosterPerson[]; departments: readonly Department[]; newId(): string }>,
): { rows: ImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  const header = (table[0] ?? []).map((h) => h.replace(/^\uFEFF/, '').trim());
  const index = new Map<ColumnKey, number>();
  for (const column of PEOPLE_COLUMNS) {
    const at = header.findIndex((h) => h === column.header || h.toLowerCase() === column.en.toLowerCase());
    if (at >= 0) index.set(column.key, at);
  }
  if (!index.has('displayName')) {
    problems.push({ line: 1, column: '姓名', message: '缺少“姓名”列（第一行应是表头）' });
    return { rows, problems };
  }
  const byEmployeeNo = new Map(context.people.filter((p) => p.employeeNo).map((p) => [p.employeeNo, p]));
  const byName = new Map<string, RosterPerson[]>();
  for (const p of context.people) byName.set(p.displayName, [...(byName.get(p.displayName) ?? []), p]);
  const departments = new Map(context.departments.map((d) => [d.name, d.id]));
  const seenNumbers = new Map<string, number>();
  // Who each row is (so that a row may name a supervisor added a few rows below it, by 工号).
  const employeeNoAt = index.get('employeeNo');
  const idOfLine = new Map<number, { id: string; isNew: boolean }>();
  const fileByNo = new Map<string, string>();
  table.slice(1).forEach((cells, i) => {
    const no = employeeNoAt === undefined ? '' : restore((cells[employeeNoAt] ?? '').trim());
    const nameAt = index.get('displayName')!;
    const named = byName.get(restore((cells[nameAt] ?? '').trim())) ?? [];
    const existing = no ? byEmployeeNo.get(no) : named.length === 1 && !named[0]!.employeeNo ? named[0] : undefined;
    const who = existing ? { id: existing.id, isNew: false } : { id: context.newId(), isNew: true };
    idOfLine.set(i + 2, who);
    if (no && !fileByNo.has(no)) fileByNo.set(no, who.id);
  });
  table.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const cell = (key: ColumnKey) => {
      const at = index.get(key);
      return at === undefined ? '' : restore((cells[at] ?? '').trim());
    };
    if (cells.every((c) => c.trim() === '')) return;
    const fail = (key: ColumnKey, message: string) =>
      problems.push({ line, column: PEOPLE_COLUMNS.find((c) => c.key === key)!.header, message });
    const employeeNo = cell('employeeNo');
    if (employeeNo) {
      const earlier = seenNumbers.get(employeeNo);
      if (earlier !== undefined) fail('employeeNo', `工号与第 ${earlier} 行重复`);
      seenNumbers.set(employeeNo, line);
    }
    const departmentName = cell('department');
    const departmentId = departmentName ? (departments.get(departmentName) ?? null) : null;
    if (departmentName && departmentId === null)
      fail('department', `部门“${departmentName}”不存在，请先在组织架构中添加`);
    const supervisorText = cell('supervisor');
    let supervisorId: string | null = null;
    if (supervisorText) {
      const byNo = byEmployeeNo.get(supervisorText)?.id ?? fileByNo.get(supervisorText);
      const named = byName.get(supervisorText) ?? [];
      if (byNo) supervisorId = byNo;
      else if (named.length === 1) supervisorId = named[0]!.id;
      else
        fail(
          'supervisor',
          named.length > 1
            ? `有多位“${supervisorText}”，请填主管的工号`
            : `找不到主管“${supervisorText}”（填工号或姓名）`,
        );
    }
    const statusText = cell('status');
    const status =
      statusText === '' || statusText === '在职' || statusText === 'active'
        ? 'active'
        : statusText === '已离职' || statusText === 'left'
          ? 'left'
          : null;
    if (status === null) fail('status', '状态应为“在职”或“已离职”');
    const hire = cell('hireDate').replace(/\//g, '-');
    const candidate = {
      displayName: cell('displayName'),
      nickname: cell('nickname'),
      employeeNo,
      departmentId,
      title: cell('title'),
      level: cell('level'),
      supervisorId,
      hireDate: hire === '' ? null : hire,
      phone: cell('phone'),
      dingTalkId: cell('dingTalkId'),
      status: status ?? 'active',
    };
    const parsed = PersonProfile.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'displayName');
        const column = PEOPLE_COLUMNS.find((c) => c.key === key || (key === 'departmentId' && c.key === 'department'));
        problems.push({ line, column: column?.header ?? key, message: issue.message });
      }
      return;
    }
    const who = idOfLine.get(line)!;
    const owner = who.isNew ? undefined : context.people.find((p) => p.id === who.id && p.kind === 'owner');
    if (owner && PersonProfile.keyof().options.some((f) => JSON.stringify(owner[f]) !== JSON.stringify(parsed.data[f])))
      return fail('displayName', '不能用导入修改主账号');
    if (supervisorId === who.id) return fail('supervisor', '不能是自己的主管');
    rows.push({ line, personId: who.id, isNew: who.isNew, profile: parsed.data });
  });
  return { rows, problems };
}
