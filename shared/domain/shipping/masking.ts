// What a printed slip may show of the consignee (GB/T 41833-2022): at least one character of each name hidden, at
// least six digits of each phone number, and the unit and room number of the address. The screen shows the full
// details to the people who ship; only paper leaving the warehouse is masked.

/** 林小姐 → 林**, 王 → *, Alice → A****. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138******78: six digits hidden, at most the first 3 kept, the rest at the end; ≤ 6 digits: all. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const keep = digits.length - 6;
  if (keep <= 0) return '*'.repeat(digits.length);
  const head = Math.min(3, keep);
  return digits.slice(0, head) + '*'.repeat(6) + digits.slice(head + 6);
}

/** The unit, building and room numbers of an address hidden: 文三路 90 号 3 幢 1204 室 → 文三路 90 号 * 幢 **** 室. */
export function maskAddress(address: string): string {
  return address.replace(
    /([0-9０-９A-Za-z-]+)(\s*)(室|房|户|单元|幢|栋|号楼|楼|层)/g,
    (_, number: string, space: string, unit: string) => `${'*'.repeat(number.length)}${space}${unit}`,
  );
}
