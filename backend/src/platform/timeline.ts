// The customer timeline's one order, shared by every module that contributes to it (the service
// desk's interactions, tasks and cases; the status changes of orders, policies and claims): newest
// first, then — for items of the same instant — by kind in TIMELINE_KINDS order, then by the
// contributor's id descending. Each contributor reads its own rows in that order after a position
// (`timelineWindow`); the service desk merges the lists and pages with a cursor on the last item.
import type { Knex } from 'knex';
import { TIMELINE_KINDS, type TimelineKind } from '../contracts/service';
import type { DbOrTrx } from '../db';

/** A position in the timeline: an item's time (microseconds, `atKey` form), kind and id. */
export interface TimelinePoint {
  atKey: string;
  kind: TimelineKind;
  id: string;
}

/** What a contributor is asked for: at most `limit` items following `after` (from the start without it). */
export interface TimelineWindow {
  limit: number;
  after?: TimelinePoint;
}

/** One item as a contributor reads it (the API's TimelineItem, with the time at full precision). */
export interface TimelineEntry {
  kind: TimelineKind;
  id: string;
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds): sorts as text, compares exactly in SQL. */
  atKey: string;
  title: string;
  detail: string;
  by: { id: string; name: string } | null;
  record: { type: TimelineKind; id: string; number: string | null };
  statusChange: { from: string | null; to: string; reason: string | null } | null;
}

export const timelineRank = (kind: TimelineKind): number => TIMELINE_KINDS.indexOf(kind);

/** The time column selected as `at_key` (microseconds kept: a JavaScript Date would cut them and break ties). */
export const atKeySql = (db: DbOrTrx, column: string): Knex.Raw => db.raw(`to_char(?? AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key`, [column]);

/**
 * Orders `query` (rows of one `kind`) the timeline's way, keeps only what follows `window.after`
 * and limits it. `at` and `id` are the columns of the item's time and id (the id in its own type:
 * a uuid or a bigint; a forged cursor id is refused by PostgreSQL as a data exception).
 */
export function timelineWindow<QB extends Knex.QueryBuilder>(query: QB, kind: TimelineKind, columns: { at: string; id: string }, window: TimelineWindow): QB {
  const { after } = window;
  if (after) {
    const mine = timelineRank(kind);
    const theirs = timelineRank(after.kind);
    // Same instant: kinds listed earlier come first, so a later kind follows the cursor's item wholly, an earlier one not at all.
    if (mine < theirs) query.where(columns.at, '<', after.atKey);
    else if (mine > theirs) query.where(columns.at, '<=', after.atKey);
    else query.whereRaw('(??, ??) < (?::timestamptz, ?)', [columns.at, columns.id, after.atKey, after.id]);
  }
  return query
    .orderBy([
      { column: columns.at, order: 'desc' },
      { column: columns.id, order: 'desc' },
    ])
    .limit(window.limit) as QB;
}

/** Newest first, then by kind; the order within one kind is the contributor's (Array.prototype.sort is stable). */
export function compareTimeline(a: Pick<TimelineEntry, 'atKey' | 'kind'>, b: Pick<TimelineEntry, 'atKey' | 'kind'>): number {
  if (a.atKey !== b.atKey) return a.atKey < b.atKey ? 1 : -1;
  return timelineRank(a.kind) - timelineRank(b.kind);
}
