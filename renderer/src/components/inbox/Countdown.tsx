// Time left before the shop's platform response rule is breached (to the second in the last minutes), then how
// long it has been breached, and beside it how long the buyer has waited. Turns orange at the slow-response
// warning (100 s by default) and red once breached.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCountdown, rememberedText } from '../../format.ts';

type CountdownKey = 'inbox.breachedFor' | 'inbox.dueIn' | 'inbox.waited';

/** The text for `ms`, which shows whole seconds: remembered per second (every visible row renders every frame). */
function countdownText(key: CountdownKey, ms: number, t: TFunction, language: string): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return rememberedText(language, key, seconds, () => t(key, { time: formatCountdown(seconds * 1000, t) }));
}

export function Countdown({
  dueAt,
  waitingSince,
  warnAfterSeconds,
  now,
}: Readonly<{ dueAt: number; waitingSince: number; warnAfterSeconds: number; now: number }>) {
  const { t, i18n } = useTranslation();
  const left = dueAt - now;
  const level = left <= 0 ? 'late' : now - waitingSince >= warnAfterSeconds * 1000 ? 'soon' : 'ok';
  return (
    <span className="countdown-pair">
      <span className={`countdown countdown-${level}`} data-testid="countdown" data-level={level}>
        {left <= 0
          ? countdownText('inbox.breachedFor', -left, t, i18n.language)
          : countdownText('inbox.dueIn', left, t, i18n.language)}
      </span>
      <span className="waited" data-testid="waited">
        {countdownText('inbox.waited', now - waitingSince, t, i18n.language)}
      </span>
    </span>
  );
}
