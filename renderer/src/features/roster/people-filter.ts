// Filtering the people table: words in any profile text field (name, nickname, employee no., phone, DingTalk id,
// title), a department (null: none), a status and a shop where they hold a sub-account. Pure, so it is measured
// and tested without a browser.
import type { RosterPerson } from '../../../../shared/contract/index.ts';

export type PeopleFilter = Readonly<{
  text: string;
  departmentId?: string | null;
  status?: RosterPerson['status'];
  shopId?: string;
}>;

/** Each person's searchable text, made once per person object (a new roster read makes new objects). */
const HAYSTACKS = new WeakMap<RosterPerson, string>();

function haystackOf(p: RosterPerson): string {
  let text = HAYSTACKS.get(p);
  if (text === undefined) {
    text =
      `${p.displayName} ${p.nickname} ${p.employeeNo} ${p.phone} ${p.dingTalkId} ${p.title} ${p.login ?? ''}`.toLowerCase();
    HAYSTACKS.set(p, text);
  }
  return text;
}

export function filterPeople(people: readonly RosterPerson[], filter: PeopleFilter): RosterPerson[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return people.filter((p) => {
    if (filter.status !== undefined && p.status !== filter.status) return false;
    if (filter.departmentId !== undefined && p.departmentId !== filter.departmentId) return false;
    if (filter.shopId !== undefined && !p.subAccounts.some((a) => a.shopId === filter.shopId)) return false;
    if (words.length === 0) return true;
    const haystack = haystackOf(p);
    return words.every((w) => haystack.includes(w));
  });
}
