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

/**
 * Problems by where they are shown: `<rowId>.<kind>` an amount cell, `<rowId>.currency` a row's
 * currency, `<rowId>` the row as a whole (a second row for the same role and currency), `grid` the rest.
 */
export type GridErrors = Record<string, string>;

export type GridResult = { ok: true; body: ReplaceApprovalLimitsBody } | { ok: false; errors: GridErrors };

export const cellKey = (rowId: string, kind: ApprovalKind) => `${rowId}.${kind}`;

/**
 * The request body for the edited grid, checked with the API's own schema (a limit is a whole number
 * of cents above 0, the currency ISO 4217). Every problem is reported at once, on the cell or the row
 * it is about; nothing is sent while there is one.
 */
export function toRequestBody(rows: readonly LimitRow[]): GridResult {
  const errors: GridErrors = {};
  const items: ApprovalLimit[] = [];
  const itemCells: { rowId: string; kind: ApprovalKind }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const currency = row.currency.trim().toUpperCase();
    const pair = `${row.role}/${currency}`;
    if (seen.has(pair)) errors[row.id] = 'Another row has the same role and currency';
    seen.add(pair);
    for (const kind of APPROVAL_KINDS) {
      const input = row.amounts[kind];
      if (input === '') continue;
      const major = Number(input);
      if (!Number.isFinite(major)) {
        errors[cellKey(row.id, kind)] = 'Enter an amount';
        continue;
      }
      // Sent as typed, in cents: the schema says what is wrong with a negative or zero limit.
      items.push({ role: row.role, kind, currency, maxAmount: toMinorUnits(major) });
      itemCells.push({ rowId: row.id, kind });
    }
  }
  const parsed = ReplaceApprovalLimitsBody.safeParse({ items });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [, index, field] = issue.path;
      const cell = typeof index === 'number' ? itemCells[index] : undefined;
      const key = !cell ? 'grid' : field === 'maxAmount' ? cellKey(cell.rowId, cell.kind) : field === 'currency' ? `${cell.rowId}.currency` : cell.rowId;
      errors[key] ??= issue.message;
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

/** Where the server's error about `path` (`items.<index>.maxAmount`, `items.<index>`) is shown, given the body that was sent. */
export function errorKeyOf(rows: readonly LimitRow[], body: ReplaceApprovalLimitsBody, path: string): string | undefined {
  const row = rowOfItem(rows, body, path);
  if (!row) return undefined;
  const [, index, field] = path.split('.');
  const item = body.items[Number(index)]!;
  return field === 'maxAmount' ? cellKey(row.id, item.kind) : field === 'currency' ? `${row.id}.currency` : row.id;
}
