// The order (application) status machine. Each transition is its own endpoint and permission.
import type { Permission } from '../../contracts/permissions';
import type { OrderStatus } from '../../contracts/orders';

export type OrderAction = 'submit' | 'withdraw' | 'start_review' | 'request_info' | 'approve' | 'decline';

export const ORDER_TRANSITIONS: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus; permission: Permission }> = {
  submit: { from: ['draft', 'info_requested'], to: 'submitted', permission: 'orders:create' },
  withdraw: { from: ['draft', 'submitted', 'info_requested'], to: 'withdrawn', permission: 'orders:create' },
  start_review: { from: ['submitted'], to: 'in_underwriting', permission: 'orders:underwrite' },
  request_info: { from: ['in_underwriting'], to: 'info_requested', permission: 'orders:underwrite' },
  approve: { from: ['in_underwriting'], to: 'approved', permission: 'orders:underwrite' },
  decline: { from: ['in_underwriting'], to: 'declined', permission: 'orders:underwrite' },
};

export const canTake = (action: OrderAction, from: OrderStatus) => ORDER_TRANSITIONS[action].from.includes(from);

/** Whole business days (Monday–Friday) from one date to a later one: Friday → Monday is 1. */
export function businessDaysBetween(from: string, to: string): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  let days = 0;
  for (let t = start + 86_400_000; t <= end; t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days++;
  }
  return days;
}
