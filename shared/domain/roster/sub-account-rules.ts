// Sub-account naming rules (DOMAIN.md): `主账号:子账号` with an ASCII colon; the full name is at most 30 units
// where a CJK character counts 2; a name cannot be all digits. The platform is the authority; this pre-validates.
export const SUB_ACCOUNT_MAX_UNITS = 30;

export type SubAccountProblem = 'empty' | 'colon' | 'too_long' | 'all_digits';

/** Width in platform units: characters outside ASCII (CJK, full-width) count 2. */
export function nameUnits(name: string): number {
  let units = 0;
  for (const ch of name) units += ch.codePointAt(0)! > 0x7f ? 2 : 1;
  return units;
}

export function checkSubAccountName(
  mainAccount: string,
  subName: string,
  maxUnits = SUB_ACCOUNT_MAX_UNITS,
): SubAccountProblem | null {
  if (subName.trim() === '' || mainAccount.trim() === '') return 'empty';
  if (subName.includes(':') || subName.includes('：')) return 'colon';
  if (/^\d+$/.test(subName)) return 'all_digits';
  if (nameUnits(`${mainAccount}:${subName}`) > maxUnits) return 'too_long';
  return null;
}

export function subAccountFullName(mainAccount: string, subName: string): string {
  return `${mainAccount}:${subName}`;
}
