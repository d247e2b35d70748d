// Text from buyers and platforms is shown as text (React escapes it), but Unicode bidi controls still act on the
// page: U+202E can make "rtl\u202Egnp.exe" look like "rtlexe.png". Displayed text drops explicit embeddings,
// overrides and isolates; the stored text keeps them as received.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function displayText(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
