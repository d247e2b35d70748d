import { describe, expect, it } from 'vitest';
import { fillPhrase, findBannedPhrase, matchQuickPhrases } from '../../shared/domain/reply-rules.ts';

describe('banned-language guard', () => {
  it.each([
    ['这个我不知道', '不知道'],
    ['不 知 道 呢', '不知道'],
    ['随便你吧', '随便你'],
    ['爱买不买！', '爱买不买'],
  ])('catches %j', (text, phrase) => {
    expect(findBannedPhrase(text)).toMatchObject({ phrase, suggestion: expect.any(String) });
  });

  it.each(['我帮您查一下', '知道了，马上处理', '不知', ''])('lets %j through', (text) => {
    expect(findBannedPhrase(text)).toBeNull();
  });

  it('reports where the phrase starts in the original text, spaces included', () => {
    expect(findBannedPhrase('亲，我 不 知 道')?.index).toBe(4);
  });
});

describe('quick phrases', () => {
  it('finds phrases by their / code, group or text', () => {
    expect(matchQuickPhrases('/si').map((p) => p.code)).toEqual(['size']);
    expect(matchQuickPhrases('/').length).toBeGreaterThan(3);
    expect(matchQuickPhrases('售后').map((p) => p.code)).toEqual(['return']);
  });

  it('fills variables and leaves unknown ones visible', () => {
    expect(fillPhrase('您好 {买家}，订单 {订单号} 会在 {发货时间} 前发出', { 买家: '小鱼', 订单号: 'A1' })).toBe(
      '您好 小鱼，订单 A1 会在 {发货时间} 前发出',
    );
  });
});
