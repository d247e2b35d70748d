/**
 * An unread count pill. Deliberately static (antd's Badge rolls its digits, which in a console whose counts change
 * many times a second is only noise). Nothing is shown for zero.
 */
export function UnreadCount({ count, label }: Readonly<{ count: number; label?: string }>) {
  if (count <= 0) return null;
  return (
    <span className="unread-count" aria-label={label} role={label ? 'img' : undefined}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
