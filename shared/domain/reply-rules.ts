// Reply rules shared by the core (which enforces them) and the renderer (which previews them): the banned-language
// guard and quick phrases with variables. The lists here are defaults (DOMAIN.md); shops will keep their own.
export type BannedPhrase = Readonly<{ phrase: string; suggestion: string }>;
export type QuickPhrase = Readonly<{ code: string; group: string; text: string }>;
export type BannedMatch = Readonly<{ phrase: string; suggestion: string; index: number }>;

export const DEFAULT_BANNED_PHRASES: readonly BannedPhrase[] = [
  { phrase: '不知道', suggestion: '我帮您确认一下，稍后给您准确答复' },
  { phrase: '随便你', suggestion: '您可以按自己的喜好选，我也可以给您一些建议' },
  { phrase: '爱买不买', suggestion: '您可以再考虑一下，有问题随时问我' },
  { phrase: '自己看', suggestion: '我把详情发给您看一下' },
];

export const DEFAULT_QUICK_PHRASES: readonly QuickPhrase[] = [
  { code: 'hi', group: '问候', text: '您好 {买家}，我是店铺客服，很高兴为您服务～' },
  { code: 'size', group: '售前', text: '亲，麻烦告诉我您的身高和体重，我帮您推荐合适的尺码～' },
  { code: 'ship', group: '发货', text: '亲，您的订单 {订单号} 会在 {发货时间} 前发出，请放心～' },
  { code: 'return', group: '售后', text: '支持七天无理由退换，您在订单页申请退货即可，运费按平台规则处理～' },
  { code: 'wait', group: '问候', text: '感谢您的耐心等待，还有其他问题随时联系我～' },
];

/** Case, width and spacing do not hide a banned phrase ("不 知 道", "ＮＯ" and the like). */
function normalise(text: string): { folded: string; positions: number[] } {
  const positions: number[] = [];
  let folded = '';
  const chars = [...text];
  let offset = 0;
  for (const ch of chars) {
    const n = ch.normalize('NFKC').toLowerCase();
    if (!/\s/u.test(n)) {
      folded += n;
      for (let i = 0; i < n.length; i += 1) positions.push(offset);
    }
    offset += ch.length;
  }
  return { folded, positions };
}

export function findBannedPhrase(
  text: string,
  banned: readonly BannedPhrase[] = DEFAULT_BANNED_PHRASES,
): BannedMatch | null {
  const { folded, positions } = normalise(text);
  for (const entry of banned) {
    const at = folded.indexOf(normalise(entry.phrase).folded);
    if (at >= 0) return { phrase: entry.phrase, suggestion: entry.suggestion, index: positions[at] ?? 0 };
  }
  return null;
}

export type PhraseVariables = Readonly<Partial<Record<'买家' | '订单号' | '发货时间', string>>>;

/** Fills {买家} {订单号} {发货时间}; a variable without a value stays visible so the agent notices it. */
export function fillPhrase(text: string, variables: PhraseVariables): string {
  return text.replace(/\{(买家|订单号|发货时间)\}/g, (whole, name: keyof PhraseVariables) => variables[name] ?? whole);
}

export function matchQuickPhrases(
  query: string,
  phrases: readonly QuickPhrase[] = DEFAULT_QUICK_PHRASES,
): QuickPhrase[] {
  const q = query.replace(/^\//, '').trim().toLowerCase();
  return phrases.filter((p) => p.code.startsWith(q) || p.text.includes(q) || p.group.includes(q));
}
