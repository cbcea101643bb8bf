// How later modules add to customers without editing this module: 360° sections, risk factors,
// lifetime-value figures, the last contact with the customer, what the customer timeline shows, and
// what to move when two customers are merged. A module declares them
// as `customerExtensions` in its index.ts; the platform installs them when the module registers.
import type { OverviewSection, OverviewSectionItem, OverviewSectionKind } from '../../contracts/customers';
import type { DbOrTrx, Trx } from '../../db';
import type { TimelineKind } from '../../contracts/service';
import type { Actor } from '../../platform/actor';
import type { TimelineEntry, TimelineWindow } from '../../platform/timeline';
import type { RiskFactor } from './risk-score';

export interface OverviewSectionContent<Item = Record<string, unknown>> {
  count: number;
  /** A short list (the newest few) of what the section holds. */
  items: Item[];
}

/** A section the contract describes: `kind` is its key in the overview and its items have the contract's shape. */
export type KnownOverviewContributor = {
  [K in OverviewSectionKind]: { kind: K; title: string; load(db: DbOrTrx, actor: Actor, customerId: string): Promise<OverviewSectionContent<OverviewSectionItem<K>>> };
}[OverviewSectionKind];

/** A section of a module the contract does not describe yet: keyed by `key`, its items shown generically. */
export interface OtherOverviewContributor {
  /** Section key in the overview, e.g. `notes`. */
  key: string;
  title: string;
  load(db: DbOrTrx, actor: Actor, customerId: string): Promise<OverviewSectionContent>;
}

export type OverviewContributor = KnownOverviewContributor | OtherOverviewContributor;

/** Amounts in minor units of the customer's currency. */
export interface LifetimeValueParts {
  premiumsPaid: number;
  claimsPaid: number;
  expectedFuturePremiums: number;
}

export interface LifetimeValueContributor {
  name: string;
  load(db: DbOrTrx, customerId: string): Promise<Partial<LifetimeValueParts>>;
}

export interface RiskFactorContributor {
  name: string;
  load(db: DbOrTrx, customerId: string): Promise<RiskFactor[]>;
}

/** One contact with a customer: when, what kind (`payment_attempt`, later `call`, `email`…), and one line saying what. */
export interface CustomerContact {
  at: Date;
  kind: string;
  summary: string;
}

/**
 * Where a module says when it last had contact with customers (the service desk's interactions,
 * billing's payment attempts): the latest per customer, for a page of customers at once.
 */
export interface LastContactContributor {
  name: string;
  load(db: DbOrTrx, customerIds: readonly string[]): Promise<Map<string, CustomerContact>>;
}

/** Moves a module's records from `sourceId` to `targetId` inside the merge transaction. */
export interface MergeHandler {
  name: string;
  move(trx: Trx, merge: { sourceId: string; targetId: string; actor: Actor }): Promise<void>;
}

/**
 * One kind of item on the customer timeline (`GET /api/customers/{id}/timeline`, served by the
 * service desk): the module reads its own rows — in the actor's branches, in the order and after the
 * position `platform/timeline.ts` defines (`timelineWindow`), at most `window.limit` — and returns
 * them newest first. A kind has one contributor.
 */
export interface TimelineContributor {
  kind: TimelineKind;
  load(db: DbOrTrx, actor: Actor, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]>;
}

/** One line of a caller card's section: the record's id, a label (its number and what it is), a detail, the console page that opens it. */
export interface CallerCardItem {
  id: string;
  label: string;
  detail: string | null;
  href: string | null;
}

/**
 * What an agent sees about a caller while the phone rings (the voice module's screen pop): each
 * module tells its own part — the service desk the open cases, policies the policies, billing the
 * overdue premium, claims the open claims. `order` places it on the card.
 */
export interface CallerCardContributor {
  key: string;
  title: string;
  order: number;
  load(db: DbOrTrx, customerId: string): Promise<{ count: number; items: CallerCardItem[]; total?: { amount: number; currency: string } | null }>;
}

/** What one module adds to customers (its `customerExtensions` declaration). */
export interface CustomerExtensionSet {
  callerCard?: CallerCardContributor[];
  overviewSections?: OverviewContributor[];
  lifetimeValue?: LifetimeValueContributor[];
  riskFactors?: RiskFactorContributor[];
  lastContact?: LastContactContributor[];
  timeline?: TimelineContributor[];
  mergeHandlers?: MergeHandler[];
}

const sectionKey = (c: OverviewContributor) => ('kind' in c ? c.kind : c.key);

export class CustomerExtensions {
  readonly overviewSections: OverviewContributor[] = [];
  readonly lifetimeValue: LifetimeValueContributor[] = [];
  readonly riskFactors: RiskFactorContributor[] = [];
  readonly lastContact: LastContactContributor[] = [];
  readonly timeline: TimelineContributor[] = [];
  readonly mergeHandlers: MergeHandler[] = [];
  readonly callerCard: CallerCardContributor[] = [];

  /** Adds everything a module declares. */
  install(_moduleName: string, set: CustomerExtensionSet) {
    for (const c of set.overviewSections ?? []) this.addOverviewSection(c);
    for (const c of set.lifetimeValue ?? []) this.addLifetimeValue(c);
    for (const c of set.riskFactors ?? []) this.addRiskFactors(c);
    for (const c of set.lastContact ?? []) this.addLastContact(c);
    for (const c of set.timeline ?? []) this.addTimeline(c);
    for (const h of set.mergeHandlers ?? []) this.addMergeHandler(h);
    for (const c of set.callerCard ?? []) this.addCallerCard(c);
  }

  addCallerCard(c: CallerCardContributor) {
    if (this.callerCard.some((s) => s.key === c.key)) throw new Error(`Caller card section ${c.key} registered twice`);
    this.callerCard.push(c);
    this.callerCard.sort((a, b) => a.order - b.order);
  }

  /** The caller card's sections of a customer, by key, in their order (the caller scoped the customer already). */
  async loadCallerCard(db: DbOrTrx, customerId: string) {
    const sections = await Promise.all(
      this.callerCard.map(async (c) => {
        const { count, items, total } = await c.load(db, customerId);
        return [c.key, { title: c.title, count, items, total: total ?? null }] as const;
      }),
    );
    return Object.fromEntries(sections);
  }

  addOverviewSection(c: OverviewContributor) {
    if (this.overviewSections.some((s) => sectionKey(s) === sectionKey(c))) throw new Error(`Overview section ${sectionKey(c)} registered twice`);
    this.overviewSections.push(c);
  }

  addLifetimeValue(c: LifetimeValueContributor) {
    this.lifetimeValue.push(c);
  }

  addRiskFactors(c: RiskFactorContributor) {
    this.riskFactors.push(c);
  }

  addLastContact(c: LastContactContributor) {
    if (this.lastContact.some((l) => l.name === c.name)) throw new Error(`Last-contact contributor ${c.name} registered twice`);
    this.lastContact.push(c);
  }

  /** The latest contact with each of these customers across every contributor (customers without one are absent). */
  async lastContacts(db: DbOrTrx, customerIds: readonly string[]): Promise<Map<string, CustomerContact>> {
    const latest = new Map<string, CustomerContact>();
    if (!customerIds.length) return latest;
    for (const found of await Promise.all(this.lastContact.map((c) => c.load(db, customerIds)))) {
      for (const [customerId, contact] of found) {
        const current = latest.get(customerId);
        if (!current || contact.at > current.at) latest.set(customerId, contact);
      }
    }
    return latest;
  }

  addTimeline(c: TimelineContributor) {
    if (this.timeline.some((t) => t.kind === c.kind)) throw new Error(`Timeline kind ${c.kind} registered twice`);
    this.timeline.push(c);
  }

  addMergeHandler(h: MergeHandler) {
    this.mergeHandlers.push(h);
  }

  /** Every section of a customer's 360° view, by key; known kinds carry their `kind`. */
  async loadSections(db: DbOrTrx, actor: Actor, customerId: string): Promise<Record<string, OverviewSection>> {
    const sections = await Promise.all(
      this.overviewSections.map(async (s): Promise<[string, OverviewSection]> => {
        if ('kind' in s) return [s.kind, { kind: s.kind, title: s.title, ...(await s.load(db, actor, customerId)) } as OverviewSection];
        return [s.key, { title: s.title, ...(await s.load(db, actor, customerId)) }];
      }),
    );
    return Object.fromEntries(sections);
  }
}
