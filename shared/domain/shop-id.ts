// Shop ids become folder names, so they are validated before they touch a path: lowercase ASCII letters,
// digits, `_` and `-`, starting with a letter or digit, at most 64 characters. No dots, slashes or escapes.
export const SHOP_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function isValidShopId(value: unknown): value is string {
  return typeof value === 'string' && SHOP_ID_PATTERN.test(value);
}
