// Couriers and the shapes of their tracking numbers (DOMAIN: a pre-check only — the platform's own pattern per
// courier is the authority, and it may still refuse). A number is checked against the courier chosen, never
// against "any courier", so a 顺丰 number typed under 中通 is caught.
export const COURIERS = [
  { code: 'SF', name: '顺丰速运', patterns: [/^SF\d{13}$/, /^SF\d{12}$/], example: 'SF1234567890123' },
  { code: 'ZTO', name: '中通快递', patterns: [/^\d{12,14}$/], example: '78912345678901' },
  { code: 'YTO', name: '圆通速递', patterns: [/^YT\d{13}$/], example: 'YT1234567890123' },
  { code: 'YD', name: '韵达快递', patterns: [/^\d{13}$/, /^\d{15}$/], example: '4312345678901' },
  { code: 'STO', name: '申通快递', patterns: [/^(77|88)\d{10,13}$/], example: '773123456789012' },
  { code: 'JT', name: '极兔速递', patterns: [/^JT\d{12,13}$/], example: 'JT1234567890123' },
  { code: 'POST', name: '邮政快递包裹', patterns: [/^\d{13}$/], example: '9812345678901' },
  { code: 'EMS', name: 'EMS', patterns: [/^[A-Z]{2}\d{9}[A-Z]{2}$/], example: 'EA123456789CN' },
  { code: 'JD', name: '京东快递', patterns: [/^JD[XK]\d{12}$/, /^JDV[A-Z]\d{11}$/], example: 'JDX123456789012' },
] as const;

export type CourierCode = (typeof COURIERS)[number]['code'];
export const COURIER_CODES = COURIERS.map((c) => c.code) as [CourierCode, ...CourierCode[]];

export function courierOf(code: string): (typeof COURIERS)[number] | null {
  return COURIERS.find((c) => c.code === code) ?? null;
}

/** The courier an export or a platform names (顺丰速运, 顺丰, SF) → its code; null when unknown. */
export function courierByName(name: string | null): CourierCode | null {
  if (name === null) return null;
  const n = name.trim();
  const found = COURIERS.find((c) => c.code === n.toUpperCase() || c.name === n || n.startsWith(c.name.slice(0, 2)));
  return found?.code ?? null;
}

/** Spaces and dashes people type or scanners add are dropped; letters are upper-cased. */
export function normalizeTracking(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

export function trackingFits(code: CourierCode, trackingNumber: string): boolean {
  const courier = courierOf(code);
  return courier !== null && courier.patterns.some((p) => p.test(normalizeTracking(trackingNumber)));
}
