// Renewals, the pure part: which policies renew and when, the insured's age at the renewal, the new
// term, the change in premium and whether the renewal may happen by itself. No database, no clock.
import { ageOn } from '../../contracts/common';
import type { ProductDefinition, RenewalSettings } from '../../contracts/products';
import { addDays, daysBetween } from '../../platform/calendar';
import { endDateOf } from './policy-issuer';

/** The daily job prepares a renewal this many days before the renewal date (and, if it missed that day, at the next). */
export const RENEWAL_NOTICE_DAYS = [60, 30, 7] as const;
/** Categories sold for one year at a time: they renew every year unless their version says otherwise. */
export const ANNUAL_CATEGORIES: readonly string[] = ['health', 'auto', 'home', 'personal_accident'];

/**
 * How a product version renews: what the version says, else the category's default — one-year
 * products renew (offered, not automatic), life products do not (level-premium term life renews only
 * if its version allows), and a trip never renews whatever the version says.
 */
export function renewalSettingsOf(category: string, definition: Pick<ProductDefinition, 'renewal' | 'trip'>): RenewalSettings {
  if (definition.trip || category === 'travel') return { renewable: false, autoRenew: false };
  if (definition.renewal) return { renewable: definition.renewal.renewable, autoRenew: definition.renewal.renewable && definition.renewal.autoRenew };
  return { renewable: ANNUAL_CATEGORIES.includes(category), autoRenew: false };
}

export type RenewalBlock = 'not_active' | 'trip' | 'not_renewable';

/** Why a policy is not offered a renewal (null: it is). */
export function renewalBlock(policy: { status: string; trip: unknown }, settings: RenewalSettings): RenewalBlock | null {
  if (policy.status !== 'active') return 'not_active';
  if (policy.trip) return 'trip';
  if (!settings.renewable) return 'not_renewable';
  return null;
}

/** The renewal date: the day after the term ends (for a one-year product, every anniversary). */
export function renewalDateOf(endDate: string): string {
  return addDays(endDate, 1);
}

/**
 * The notice a renewal is prepared at on `today`: 60 days before the renewal date, or 30 or 7 when the
 * job missed the earlier ones; on the renewal date itself, 0. null: too early or already past.
 */
export function noticeStage(today: string, renewalDate: string): number | null {
  const days = daysBetween(today, renewalDate);
  if (days < 0 || days > RENEWAL_NOTICE_DAYS[0]) return null;
  return [...RENEWAL_NOTICE_DAYS].reverse().find((n) => days <= n) ?? 0;
}

/** The insured's age on the renewal date: the entry age plus the whole years since the policy started. */
export function ageAtRenewal(entryAge: number, startDate: string, renewalDate: string): number {
  return entryAge + ageOn(startDate, renewalDate);
}

/** The last day of a new term of `termYears` from the renewal date. */
export function newTermEnd(renewalDate: string, termYears: number): string {
  return endDateOf(renewalDate, termYears);
}

/** (new − old) / old in percent, one decimal, half away from zero ("7.5", "-3.2", "0.0"); exact integer arithmetic. */
export function changePercent(oldPremium: number, newPremium: number): string {
  if (oldPremium <= 0) return '0.0';
  const diff = BigInt(newPremium - oldPremium) * 2000n;
  const old = BigInt(oldPremium);
  const negative = diff < 0n;
  const tenths = ((negative ? -diff : diff) / old + 1n) / 2n;
  const sign = negative && tenths > 0n ? '-' : '';
  return `${sign}${tenths / 10n}.${tenths % 10n}`;
}

/** The renewal happens by itself when the version allows it and the premium rises by less than `maxIncreasePercent` (a fall always qualifies). */
export function autoRenews(settings: RenewalSettings, oldPremium: number, newPremium: number, maxIncreasePercent: number): boolean {
  if (!settings.autoRenew) return false;
  // (new − old) / old < max / 100, without rounding: (new − old) · 10000 < old · max · 100 (max with up to two decimals).
  return BigInt(newPremium - oldPremium) * 10_000n < BigInt(oldPremium) * BigInt(Math.round(maxIncreasePercent * 100));
}
