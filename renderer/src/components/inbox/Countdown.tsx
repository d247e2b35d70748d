// Time left before the shop's platform response rule is breached (to the second in the last minutes), then how
// long it has been breached, and beside it how long the buyer has waited. Turns orange at the slow-response
// warning (100 s by default) and red once breached.
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../../format.ts';

export function Countdown({
  dueAt,
  waitingSince,
  warnAfterSeconds,
  now,
}: Readonly<{ dueAt: number; waitingSince: number; warnAfterSeconds: number; now: number }>) {
  const { t } = useTranslation();
  const left = dueAt - now;
  const level = left <= 0 ? 'late' : now - waitingSince >= warnAfterSeconds * 1000 ? 'soon' : 'ok';
  return (
    <span className="countdown-pair">
      <span className={`countdown countdown-${level}`} data-testid="countdown" data-level={level}>
        {left <= 0
          ? t('inbox.breachedFor', { time: formatCountdown(-left, t) })
          : t('inbox.dueIn', { time: formatCountdown(left, t) })}
      </span>
      <span className="waited" data-testid="waited">
        {t('inbox.waited', { time: formatCountdown(now - waitingSince, t) })}
      </span>
    </span>
  );
}
