// Delegation without escalation (Kubernetes RBAC's rule): a person may grant, in a shop, only what they hold in that
// shop themselves, and may edit only people below them in the organisation. The core checks this on every call;
// the UI uses the same functions to preview.
import { grants, type Grant, type Permission } from '../../contract/permissions.ts';

/** Grants in `wanted` that `held` does not cover (empty: the grant is allowed). A `*` is covered only by `*`. */
export function escalations(held: readonly Grant[], wanted: readonly Grant[]): Grant[] {
  return wanted.filter((grant) => (grant === '*' ? !held.includes('*') : !grants(held, grant as Permission)));
}

export type OrgLinks = Readonly<{
  /** A person's direct supervisor (null at the top). */
  supervisorOf(personId: string): string | null;
  /** A department's supervisor and parent (for people whose supervisor is their department's head). */
  departmentOf(personId: string): string | null;
  departmentSupervisor(departmentId: string): string | null;
  departmentParent(departmentId: string): string | null;
}>;

/**
 * Whether `manager` is above `personId`: their direct supervisor, a supervisor of a supervisor, or the head of the
 * person's department or of a department above it. Cycles (a bad edit somewhere) end the walk, never loop.
 */
export function isAbove(links: OrgLinks, managerId: string, personId: string): boolean {
  if (managerId === personId) return false;
  const seen = new Set<string>();
  const queue: string[] = [personId];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const supervisor = links.supervisorOf(current);
    if (supervisor === managerId) return true;
    if (supervisor !== null) queue.push(supervisor);
    const visitedDepartments = new Set<string>();
    for (let dept = links.departmentOf(current); dept !== null && !visitedDepartments.has(dept);) {
      visitedDepartments.add(dept);
      const head = links.departmentSupervisor(dept);
      if (head === managerId && head !== current) return true;
      if (head !== null && head !== current) queue.push(head);
      dept = links.departmentParent(dept);
    }
  }
  return false;
}
