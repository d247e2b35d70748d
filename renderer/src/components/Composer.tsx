// The reply box: `/` opens the quick phrases (the shop's, then the person's; variables filled from the buyer and
// their orders), Ctrl+Enter sends, a draft is kept per conversation, a reply the language guard refuses is
// highlighted with a polite alternative, and a buyer waiting past the shop's warning time (100 s) is flagged.
import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData, ConversationSummary, Order } from '../../../shared/contract/index.ts';
import { fillPhrase, matchQuickPhrases, type BannedMatch } from '../../../shared/domain/reply-rules.ts';
import { displayText } from '../../../shared/domain/untrusted-text.ts';
import { formatClock, formatDuration } from '../format.ts';
import { useNow } from '../hooks/use-now.ts';
import { useConsole } from '../store/index.ts';

// Drafts live as long as the window: switching conversations or shops keeps what was typed.
const drafts = new Map<string, string>();

/** The banned phrase as typed, spaces and all, so it can be highlighted and replaced. */
function bannedPattern(phrase: string): RegExp {
  return new RegExp([...phrase].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'), 'iu');
}

/** Mount with `key={conversation.id}`: each conversation starts from its own draft. */
export function Composer({ conversation, orders }: Readonly<{ conversation: ConversationSummary; orders: readonly Order[] | undefined }>) {
  const { t, i18n } = useTranslation();
  const reply = useConsole((s) => s.reply);
  const shop = useConsole((s) => s.shops.find((x) => x.id === conversation.shopId));
  const now = useNow(1000);
  const [text, setText] = useState(() => drafts.get(conversation.id) ?? '');
  const [refusal, setRefusal] = useState<AppErrorData | null>(null);
  const [sending, setSending] = useState(false);

  const update = (value: string) => {
    setText(value);
    drafts.set(conversation.id, value);
    setRefusal(null);
  };

  const firstOrder = orders?.[0];
  const variables = { 买家: displayText(conversation.buyer.nick), ...(firstOrder ? { 订单号: firstOrder.id, 发货时间: formatClock(firstOrder.shipBy, i18n.language) } : {}) };
  const myPhrases = useConsole((s) => s.myPhrases);
  const suggestions = text.startsWith('/') ? matchQuickPhrases(text, [...(shop?.inbox.quickPhrases ?? []), ...myPhrases]) : [];
  const waited = conversation.waitingSince === null ? null : now - conversation.waitingSince;
  const slow = waited !== null && waited >= (shop?.inbox.warnAfterSeconds ?? 100) * 1000;
  const banned = refusal?.code === 'banned_phrase' ? (refusal.details as BannedMatch) : null;

  const send = async () => {
    if (text.trim() === '' || sending) return;
    setSending(true);
    const failure = await reply(conversation, text);
    setSending(false);
    if (failure) return setRefusal(failure);
    update('');
  };

  return (
    <div className="composer" data-testid="composer">
      {slow && <Alert type="warning" showIcon banner role="status" data-testid="slow-warning" title={t('composer.slow', { time: formatDuration(waited!, t) })} style={{ marginBottom: 8 }} />}
      {suggestions.length > 0 && (
        <ul className="quick-phrases" aria-label={t('composer.quickPhrases')}>
          {suggestions.map((phrase) => (
            <li key={`${phrase.group}/${phrase.code}`}>
              <button type="button" className="quick-phrase" onClick={() => update(fillPhrase(phrase.text, variables))}>
                <span className="quick-phrase-code">/{phrase.code}</span> <span className="quick-phrase-group">{phrase.group}</span> {fillPhrase(phrase.text, variables)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {banned && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('composer.banned', { phrase: banned.phrase })}
          description={t('composer.suggestion', { suggestion: banned.suggestion })}
          action={
            <Button size="small" onClick={() => update(text.replace(bannedPattern(banned.phrase), banned.suggestion))}>
              {t('composer.useSuggestion')}
            </Button>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      {refusal && !banned && <Alert type="error" showIcon role="alert" title={t(`errors.${refusal.code}`)} style={{ marginBottom: 8 }} />}
      <div className="composer-row">
        <Input.TextArea
          aria-label={t('composer.label')}
          placeholder={t('composer.placeholder')}
          value={text}
          status={banned ? 'error' : undefined}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          onChange={(e) => update(e.target.value)}
          onKeyDown={(e) => {
            if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
              e.preventDefault();
              void send();
            }
          }}
        />
        <Button type="primary" onClick={() => void send()} loading={sending} disabled={text.trim() === ''}>
          {t('composer.send')}
        </Button>
      </div>
    </div>
  );
}
