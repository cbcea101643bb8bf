// The limits table as people read it: one row per role and currency, one column per kind of
// amount. An empty cell means the role may not approve that kind of amount in that currency.
import { APPROVAL_KINDS, ReplaceApprovalLimitsBody } from '@contracts/identity';
import type { ApprovalKind, ApprovalLimit } from '@contracts/identity';
import { ROLES } from '@contracts/auth';
import type { Role } from '@contracts/auth';
import { toMajorUnits, toMinorUnits } from '@/lib/money';

export const DEFAULT_CURRENCY = 'USD';

/** A cell as the amount input holds it: major units, or '' for "no limit". */
export type AmountInput = number | string;

export interface LimitRow {
  /** Stable across edits, for React keys and error messages. */
  id: string;
  role: Role;
  currency: string;
  amounts: Record<ApprovalKind, AmountInput>;
}

const emptyAmounts = (): Record<ApprovalKind, AmountInput> => Object.fromEntries(APPROVAL_KINDS.map((kind) => [kind, ''])) as Record<ApprovalKind, AmountInput>;

let nextRowId = 0;
export function newRow(role: Role, currency = DEFAULT_CURRENCY): LimitRow {
  nextRowId += 1;
  return { id: `row-${nextRowId}`, role, currency, amounts: emptyAmounts() };
}

const rowOrder = (a: Pick<LimitRow, 'role' | 'currency'>, b: Pick<LimitRow, 'role' | 'currency'>) =>
  ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.currency.localeCompare(b.currency);

export function toRows(items: readonly ApprovalLimit[]): LimitRow[] {
  const rows = new Map<string, LimitRow>();
  for (const item of items) {
    const key = `${item.role}/${item.currency}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = newRow(item.role, item.currency)));
    row.amounts[item.kind] = toMajorUnits(item.maxAmount);
  }
  return [...rows.values()].sort(rowOrder);
}

export type GridErrors = Record<string, string>;

export type GridResult = { ok: true; body: ReplaceApprovalLimitsBody } | { ok: false; errors: GridErrors };

/**
 * The request body for the edited grid, checked with the API's own schema. Errors are keyed by
 * row id, so they can be shown next to the row they are about.
 */
export function toRequestBody(rows: readonly LimitRow[]): GridResult {
  const errors: GridErrors = {};
  const items: ApprovalLimit[] = [];
  const itemRows: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const pair = `${row.role}/${row.currency.trim().toUpperCase()}`;
    if (seen.has(pair)) errors[row.id] = 'Another row has the same role and currency';
    seen.add(pair);
    for (const kind of APPROVAL_KINDS) {
      const input = row.amounts[kind];
      if (input === '') continue;
      const major = Number(input);
      if (!Number.isFinite(major) || major < 0) {
        errors[row.id] ??= 'Amounts must be zero or more';
        continue;
      }
      items.push({ role: row.role, kind, currency: row.currency.trim().toUpperCase(), maxAmount: toMinorUnits(major) });
      itemRows.push(row.id);
    }
  }
  const parsed = ReplaceApprovalLimitsBody.safeParse({ items });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [, index] = issue.path;
      const rowId = typeof index === 'number' ? itemRows[index] : undefined;
      if (rowId) errors[rowId] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: { grid: 'The limits are not valid' } };
}

/** Which row the server's `items.<index>.…` error is about, given the body that was sent. */
export function rowOfItem(rows: readonly LimitRow[], body: ReplaceApprovalLimitsBody, path: string): LimitRow | undefined {
  const match = /^items\.(\d+)/.exec(path);
  const item = match ? body.items[Number(match[1])] : undefined;
  return item && rows.find((row) => row.role === item.role && row.currency.trim().toUpperCase() === item.currency);
}
