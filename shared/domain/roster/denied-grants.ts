// A permission denied to one person in one shop takes its whole subtree away, whatever their roles give: what is
// left is the given grants' leaves less the denied ones, folded back into a node wherever its whole subtree is
// still held (so a method that names a node still finds it).
import { grants, PERMISSIONS, type Grant, type Permission } from '../../contract/permissions.ts';

const below = (node: Permission) => PERMISSIONS.filter((p) => p.startsWith(`${node}.`));
const LEAVES = PERMISSIONS.filter((p) => below(p).length === 0);
const NODES = PERMISSIONS.filter((p) => below(p).length > 0);

/** The leaves of the tree a set of grants covers: what someone holding them can actually do. */
export function leavesOf(held: readonly Grant[]): Permission[] {
  return LEAVES.filter((leaf) => grants(held, leaf));
}

export function withoutDenied(given: readonly Grant[], denied: readonly Grant[]): Grant[] {
  const held = new Set<Permission>(leavesOf(given).filter((leaf) => !grants(denied, leaf)));
  // Nodes whose every leaf is still held, then only the outermost of them and the leaves outside them.
  const whole = NODES.filter((node) => below(node).every((p) => !LEAVES.includes(p) || held.has(p)));
  const under = (p: Permission, nodes: readonly Permission[]) => nodes.some((node) => p.startsWith(`${node}.`));
  return [...whole.filter((node) => !under(node, whole)), ...[...held].filter((leaf) => !under(leaf, whole))];
}
