// The permission tree as the role editor shows it: one node per module with its children (PERMISSIONS is flat
// with dots), and the checked set reduced so that a checked parent stands for its whole subtree.
import { PERMISSIONS, type Grant, type Permission } from '../../../../shared/contract/index.ts';

export type PermissionNode = Readonly<{ key: Permission; children: readonly PermissionNode[] }>;

export const PERMISSION_TREE: readonly PermissionNode[] = PERMISSIONS.filter((p) => !p.includes('.')).map((root) => ({
  key: root,
  children: PERMISSIONS.filter((p) => p.startsWith(`${root}.`)).map((child) => ({ key: child, children: [] })),
}));

/** The keys to show checked for a set of grants: a parent grant checks its children too. */
export function checkedKeys(held: readonly Grant[]): Permission[] {
  if (held.includes('*')) return [...PERMISSIONS];
  return PERMISSIONS.filter((p) => held.some((g) => g === p || p.startsWith(`${g}.`)));
}

/** The grants to store for what is checked: a parent whose children are all checked is stored alone. */
export function grantsOf(checked: readonly string[]): Permission[] {
  const set = new Set(checked);
  const out: Permission[] = [];
  for (const node of PERMISSION_TREE) {
    const all = node.children.length > 0 && node.children.every((c) => set.has(c.key));
    if (all || (node.children.length === 0 && set.has(node.key))) out.push(node.key);
    else for (const child of node.children) if (set.has(child.key)) out.push(child.key);
  }
  return out;
}
