// Everything held about one customer, found through the schema inventory's links (platform/data-
// inventory.ts): the customer's own row, every row that names the customer, and every row hanging off
// those (a claim's notes, an invoice's lines, a case's history), table by table. The inventory is the
// one map of where personal data lives, so a new table with a link is exported without a change here;
// the module reads other modules' tables directly for that reason, and only here.
import type { DbOrTrx } from '../../db';
import { DATA_INVENTORY, ENCRYPTED_COLUMNS, type TableInventory } from '../../platform/data-inventory';
import type { FieldCrypto } from '../../platform/field-crypto';

export interface CustomerRecord {
  /** The inventory's area (the module that owns the table): one JSON file per area in an export. */
  area: string;
  table: string;
  record: Record<string, unknown>;
}

type Linked = TableInventory & { link: { column: string; parent?: string; ownerType?: { column: string; parents: Record<string, string> } } };

/** Customer tables with a link, parents before the tables that hang off them. */
function linkedTablesInOrder(): [string, Linked][] {
  const linked = Object.entries(DATA_INVENTORY).filter((e): e is [string, Linked] => e[1].subject === 'customer' && !!e[1].link && !('none' in e[1].link));
  const parentsOf = ([, t]: [string, Linked]) => [...(t.link.parent ? [t.link.parent] : []), ...Object.values(t.link.ownerType?.parents ?? {})];
  const ordered: [string, Linked][] = [];
  const placed = new Set<string>();
  while (ordered.length < linked.length) {
    const ready = linked.filter((e) => !placed.has(e[0]) && parentsOf(e).every((p) => placed.has(p) || p === e[0]));
    if (!ready.length) throw new Error('The inventory links customer tables in a cycle');
    for (const e of ready) {
      ordered.push(e);
      placed.add(e[0]);
    }
  }
  return ordered;
}

/** Columns never given out: credentials, and what only serves search or encryption (the plain value is given instead). */
function hiddenColumns(table: string, t: TableInventory): Set<string> {
  const hidden = new Set(
    Object.entries({ ...t.personal, ...t.health })
      .filter(([, mask]) => mask === 'credential' || mask === 'derived')
      .map(([column]) => column),
  );
  for (const e of ENCRYPTED_COLUMNS.filter((c) => c.table === table)) hidden.add(e.ciphertext).add(e.keyId);
  return hidden;
}

/**
 * The customer's records, a table at a time (the customer's own row first). Protected fields are given
 * decrypted under their plain name; the caller has checked the customer is in the actor's scope.
 */
export async function* customerRecords(db: DbOrTrx, fieldCrypto: FieldCrypto, customerId: string): AsyncGenerator<CustomerRecord[]> {
  const idsOf = new Map<string, string[]>();
  for (const [table, t] of linkedTablesInOrder()) {
    const { column, parent, ownerType } = t.link;
    const query = db(table).select('*');
    if (ownerType) {
      query.where((w) => {
        for (const [type, parentTable] of Object.entries(ownerType.parents)) {
          const ids = parentTable === 'customers' ? [customerId] : (idsOf.get(parentTable) ?? []);
          if (ids.length) w.orWhere((o) => o.where(ownerType.column, type).whereIn(column, ids));
        }
      });
    } else if (parent) {
      const ids = idsOf.get(parent) ?? [];
      if (!ids.length) continue;
      query.whereIn(column, ids);
    } else {
      query.where(column, customerId);
    }
    const rows: Record<string, unknown>[] = await query;
    if (!rows.length) continue;
    idsOf.set(
      table,
      rows.map((r) => String(r.id)),
    );
    const hidden = hiddenColumns(table, t);
    const encrypted = ENCRYPTED_COLUMNS.filter((c) => c.table === table);
    yield rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) if (!hidden.has(k)) record[k] = v;
      for (const e of encrypted) {
        const ciphertext = row[e.ciphertext] as string | null;
        const keyId = row[e.keyId] as string | null;
        record[e.name] = ciphertext && keyId ? fieldCrypto.decrypt({ keyId, ciphertext }, e.context) : null;
      }
      return { area: t.area, table, record };
    });
  }
}
