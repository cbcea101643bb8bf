// The ledger on a real PostgreSQL: what the database itself refuses, idempotent posting by external
// id, reversals, and a property test over random sequences of posts and reversals.
import crypto from 'node:crypto';
import fc from 'fast-check';
import type { Trx } from '../../../db';
import type { Actor } from '../../../platform/actor';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { makeUser } from '../../../../test/support/factories';
import type { AccountRef } from '../chart-of-accounts';
import { LedgerService, type NewEntry, type NewPosting } from '../ledger.service';

let t: TestApp;
let ledger: LedgerService;
let actor: Actor;

beforeAll(async () => {
  t = createTestApp();
  ledger = new LedgerService(t.db, t.clock, t.services.audit, t.services.customerProfiles);
  const user = await makeUser(t.db, { role: 'manager' });
  actor = {
    userId: user.id,
    role: 'manager',
    branchId: user.branchId,
    branchIds: [user.branchId],
    permissions: new Set(),
    mustChangePassword: false,
    sessionId: crypto.randomUUID(),
  };
});
afterAll(() => t.close());

const uid = () => crypto.randomUUID();
const receivable = (policy: string, currency = 'USD'): AccountRef => ({ kind: 'premium_receivable', owner: policy, currency });
const credit = (customer: string, currency = 'USD'): AccountRef => ({ kind: 'customer_credit', owner: customer, currency });

/** A balanced two-posting entry: debit `debit`, credit `credit`. */
function entry(externalId: string, debit: AccountRef, creditTo: AccountRef, amount: number, overrides: Partial<NewEntry> = {}): NewEntry {
  return {
    externalId,
    effectiveDate: '2026-12-05',
    sourceType: 'allocation',
    sourceId: null,
    description: 'test',
    createdBy: null,
    postings: [
      { account: debit, direction: 'debit', amount },
      { account: creditTo, direction: 'credit', amount },
    ],
    ...overrides,
  };
}

const post = (e: NewEntry) => t.db.transaction((trx) => ledger.post(trx, e));

/** An entry and its two accounts, written by the service (so the raw SQL below has rows to work on). */
async function postedPair(currency = 'USD') {
  const policy = uid();
  const customer = uid();
  const { entry: e } = await post(entry(`test:${uid()}`, credit(customer, currency), receivable(policy, currency), 1_000));
  const accounts = await t.db('ledger_accounts').whereIn('owner_key', [policy, customer]).select('id', 'kind', 'currency');
  return { entry: e, policy, customer, accounts };
}

/** Inserts an entry and the given postings by raw SQL in one transaction (the commit is where the trigger checks). */
async function rawEntry(postings: { accountId: string; direction: 'debit' | 'credit'; amount: number; currency: string }[]) {
  await t.db.transaction(async (trx: Trx) => {
    const [{ id }] = await trx
      .raw(`INSERT INTO journal_entries (external_id, effective_date, source_type, description, created_at) VALUES (?, '2026-12-05', 'payment', 'raw', now()) RETURNING id`, [
        `raw:${uid()}`,
      ])
      .then((r) => r.rows);
    for (const p of postings) {
      await trx.raw('INSERT INTO postings (entry_id, account_id, direction, amount, currency) VALUES (?, ?, ?, ?, ?)', [id, p.accountId, p.direction, p.amount, p.currency]);
    }
  });
}

describe('the accounts the ledger remembers', () => {
  it('forgets an account whose creating transaction rolled back, even when a later post in it found the account', async () => {
    const policy = uid();
    const customer = uid();
    // Two posts in one transaction: the first creates the accounts, the second finds them. Then it rolls back.
    await expect(
      t.db.transaction(async (trx) => {
        await ledger.post(trx, entry(`test:${uid()}`, credit(customer), receivable(policy), 1_000));
        await ledger.post(trx, entry(`test:${uid()}`, credit(customer), receivable(policy), 500));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await t.db('ledger_accounts').whereIn('owner_key', [policy, customer]).count('* as n').first()).toEqual({ n: 0 });
    // The accounts are created again, not taken from memory (a remembered id would fail the postings' foreign key).
    const { entry: posted } = await post(entry(`test:${uid()}`, credit(customer), receivable(policy), 700));
    expect(posted.postings).toHaveLength(2);
    expect(await t.db('ledger_accounts').whereIn('owner_key', [policy, customer]).count('* as n').first()).toEqual({ n: 2 });
  });
});

describe('the database guards the ledger', () => {
  it('refuses, at commit, an entry whose debits and credits differ', async () => {
    const { accounts } = await postedPair();
    await expect(
      rawEntry([
        { accountId: accounts[0]!.id, direction: 'debit', amount: 500, currency: 'USD' },
        { accountId: accounts[1]!.id, direction: 'credit', amount: 499, currency: 'USD' },
      ]),
    ).rejects.toThrow(/unbalanced in USD/);
  });

  it('refuses an entry with a single posting, and one with none', async () => {
    const { accounts } = await postedPair();
    await expect(rawEntry([{ accountId: accounts[0]!.id, direction: 'debit', amount: 500, currency: 'USD' }])).rejects.toThrow(/1 posting\(s\)/);
    await expect(rawEntry([])).rejects.toThrow(/0 posting\(s\)/);
  });

  it("refuses a posting whose currency is not its account's, even when the entry balances", async () => {
    const { accounts } = await postedPair('USD');
    await expect(
      rawEntry([
        { accountId: accounts[0]!.id, direction: 'debit', amount: 500, currency: 'EUR' },
        { accountId: accounts[1]!.id, direction: 'credit', amount: 500, currency: 'EUR' },
      ]),
    ).rejects.toThrow(/currency other than its account/);
  });

  it('accepts a balanced entry written by raw SQL (the guards refuse only what is wrong)', async () => {
    const { accounts } = await postedPair();
    await rawEntry([
      { accountId: accounts[0]!.id, direction: 'debit', amount: 500, currency: 'USD' },
      { accountId: accounts[1]!.id, direction: 'credit', amount: 500, currency: 'USD' },
    ]);
  });

  it('refuses adding postings to an entry committed earlier, even a balanced pair', async () => {
    const { entry: e, accounts } = await postedPair();
    await expect(
      t.db.transaction(async (trx) => {
        await trx('postings').insert([
          { entry_id: e.id, account_id: accounts[0]!.id, direction: 'debit', amount: 1, currency: 'USD' },
          { entry_id: e.id, account_id: accounts[1]!.id, direction: 'credit', amount: 1, currency: 'USD' },
        ]);
      }),
    ).rejects.toThrow(/is committed/);
  });

  it('refuses every UPDATE, DELETE and TRUNCATE of postings and journal entries: to the app by its grants, to anyone by triggers', async () => {
    const { entry: e } = await postedPair();
    // The app's runtime role holds no UPDATE, DELETE or TRUNCATE on the ledger.
    for (const db of [t.db, t.ownerDb]) {
      const refusal = (table: string, op: string) => (db === t.db ? new RegExp(`permission denied for table ${table}`) : new RegExp(`${table} is append-only: ${op}`));
      await expect(db.raw('UPDATE postings SET amount = amount + 1 WHERE entry_id = ?', [e.id])).rejects.toThrow(refusal('postings', 'UPDATE'));
      await expect(db.raw('DELETE FROM postings WHERE entry_id = ?', [e.id])).rejects.toThrow(refusal('postings', 'DELETE'));
      await expect(db.raw(`UPDATE journal_entries SET description = 'changed' WHERE id = ?`, [e.id])).rejects.toThrow(refusal('journal_entries', 'UPDATE'));
      await expect(db.raw('DELETE FROM journal_entries WHERE id = ?', [e.id])).rejects.toThrow(refusal('journal_entries', 'DELETE'));
      await expect(db.raw('TRUNCATE postings CASCADE')).rejects.toThrow(db === t.db ? /permission denied/ : /append-only: TRUNCATE/);
      await expect(db.raw('TRUNCATE journal_entries CASCADE')).rejects.toThrow(db === t.db ? /permission denied/ : /append-only: TRUNCATE/);
    }
    expect((await t.db('postings').where({ entry_id: e.id }).select('amount')).map((p) => p.amount)).toEqual([1_000, 1_000]);
  });
});

describe('posting', () => {
  it('refuses an unbalanced or one-sided entry before the database does (400 LEDGER_ENTRY_INVALID)', async () => {
    const unbalanced = entry(`test:${uid()}`, credit(uid()), receivable(uid()), 100);
    unbalanced.postings[1]!.amount = 99;
    await expect(post(unbalanced)).rejects.toMatchObject({ status: 400, code: 'LEDGER_ENTRY_INVALID' });
    await expect(
      post({ ...entry(`test:${uid()}`, credit(uid()), receivable(uid()), 100), postings: [{ account: credit(uid()), direction: 'debit', amount: 100 }] }),
    ).rejects.toMatchObject({
      code: 'LEDGER_ENTRY_INVALID',
    });
    await expect(
      post(entry(`test:${uid()}`, { kind: 'cash_clearing', owner: 'bitcoin' as 'card', currency: 'USD' }, { kind: 'premium_income', currency: 'USD' }, 100)),
    ).rejects.toMatchObject({
      code: 'LEDGER_ENTRY_INVALID',
    });
    await expect(post(entry(`test:${uid()}`, credit(uid()), receivable(uid()), 100, { sourceId: 'INV-1' }))).rejects.toMatchObject({
      code: 'LEDGER_ENTRY_INVALID',
      extras: { errors: [{ path: 'sourceId', message: 'Not a valid id' }] },
    });
    expect(await t.db('journal_entries').where({ external_id: unbalanced.externalId }).first()).toBeUndefined();
  });

  it('posts an external id once: the same event again returns the first entry and writes nothing', async () => {
    const policy = uid();
    const e = entry(`invoice:${uid()}:raise`, receivable(policy), { kind: 'premium_income', currency: 'USD' }, 12_345, { sourceType: 'invoice', sourceId: uid() });
    const first = await post(e);
    const again = await post({ ...e, description: 'a retry may word it differently' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, entry: first.entry });
    expect(await t.db('journal_entries').where({ external_id: e.externalId }).select('id')).toHaveLength(1);
    expect(await t.db('postings').where({ entry_id: first.entry.id }).select('id')).toHaveLength(2);
    expect(await ledger.policyReceivable(t.db, policy, 'USD')).toBe(12_345);
  });

  it('twenty concurrent posts of one external id leave exactly one entry', async () => {
    const policy = uid();
    const e = entry(`invoice:${uid()}:raise`, receivable(policy), { kind: 'premium_income', currency: 'USD' }, 700);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(e)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect(await ledger.policyReceivable(t.db, policy, 'USD')).toBe(700);
  });

  it('refuses different content under an external id already posted (409 LEDGER_EXTERNAL_ID_CONFLICT)', async () => {
    const policy = uid();
    const e = entry(`invoice:${uid()}:raise`, receivable(policy), { kind: 'premium_income', currency: 'USD' }, 500);
    const first = await post(e);
    await expect(post(entry(e.externalId, receivable(policy), { kind: 'premium_income', currency: 'USD' }, 501))).rejects.toMatchObject({
      status: 409,
      code: 'LEDGER_EXTERNAL_ID_CONFLICT',
      extras: { entryId: first.entry.id },
    });
    await expect(post({ ...e, effectiveDate: '2026-12-06' })).rejects.toMatchObject({ code: 'LEDGER_EXTERNAL_ID_CONFLICT' });
    expect(await ledger.policyReceivable(t.db, policy, 'USD')).toBe(500);
  });
});

describe('reversal', () => {
  it('swaps every side, points at the original, nets the balances to zero, and is audited', async () => {
    const policy = uid();
    const customer = uid();
    const { entry: original } = await post(entry(`allocation:${uid()}`, credit(customer), receivable(policy), 2_500));
    expect(await ledger.policyReceivable(t.db, policy, 'USD')).toBe(-2_500);
    expect(await ledger.customerCredit(t.db, customer, 'USD')).toBe(-2_500);

    const { entry: reversal, created } = await t.db.transaction((trx) => ledger.reverse(trx, actor, original.id, 'allocated to the wrong policy', `reversal:${original.id}`));
    expect(created).toBe(true);
    expect(reversal).toMatchObject({ reversesEntryId: original.id, sourceType: 'allocation', policyId: null, createdBy: actor.userId });
    expect(reversal.postings).toEqual(original.postings.map((p) => ({ ...p, direction: p.direction === 'debit' ? 'credit' : 'debit' })));
    expect(await ledger.policyReceivable(t.db, policy, 'USD')).toBe(0);
    expect(await ledger.customerCredit(t.db, customer, 'USD')).toBe(0);
    const audit = await t.db('audit_log').where({ action: 'ledger.reverse', entity_id: reversal.id }).first();
    expect(audit.metadata).toMatchObject({ reversesEntryId: original.id, reason: 'allocated to the wrong policy' });
  });

  it('happens once: the same reversal again returns it, another one is refused (409 LEDGER_ENTRY_ALREADY_REVERSED)', async () => {
    const policy = uid();
    const { entry: original } = await post(entry(`fee:${uid()}`, receivable(policy), { kind: 'fee_income', currency: 'USD' }, 1_500, { sourceType: 'fee' }));
    const reverse = (externalId: string) => t.db.transaction((trx) => ledger.reverse(trx, actor, original.id, 'waived', externalId, { sourceType: 'waiver' }));
    const first = await reverse(`waiver:${original.id}`);
    expect(first.entry.sourceType).toBe('waiver');
    expect(await reverse(`waiver:${original.id}`)).toEqual({ created: false, entry: first.entry });
    // A retry days later (another default effective date) still finds the first reversal.
    t.clock.advance(3 * 86_400_000);
    try {
      expect(await reverse(`waiver:${original.id}`)).toEqual({ created: false, entry: first.entry });
    } finally {
      t.clock.reset();
    }
    await expect(reverse(`waiver:${original.id}:again`)).rejects.toMatchObject({
      status: 409,
      code: 'LEDGER_ENTRY_ALREADY_REVERSED',
      extras: { reversedByEntryId: first.entry.id },
    });
    expect(await ledger.policyReceivable(t.db, policy, 'USD')).toBe(0);
    expect(await t.db('journal_entries').where({ reverses_entry_id: original.id }).select('id')).toHaveLength(1);
  });

  it('ten concurrent reversals of one entry under different ids: one wins, the others are refused', async () => {
    const policy = uid();
    const { entry: original } = await post(entry(`fee:${uid()}`, receivable(policy), { kind: 'fee_income', currency: 'USD' }, 900, { sourceType: 'fee' }));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => t.db.transaction((trx) => ledger.reverse(trx, actor, original.id, 'waived', `waiver:${original.id}:${i}`))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'LEDGER_ENTRY_ALREADY_REVERSED')).toBe(true);
    expect(await ledger.policyReceivable(t.db, policy, 'USD')).toBe(0);
  });

  it('answers 404 for an entry that does not exist', async () => {
    await expect(t.db.transaction((trx) => ledger.reverse(trx, actor, uid(), 'x', `reversal:${uid()}`))).rejects.toMatchObject({ status: 404 });
  });
});

describe('property: any sequence of balanced posts and reversals', () => {
  const CURRENCIES = ['USD', 'EUR'] as const;
  type Command =
    { type: 'post'; legs: { account: number; direction: 'debit' | 'credit'; amount: number }[]; balancing: number; currency: number } | { type: 'reverse'; pick: number };
  const leg = fc.record({ account: fc.nat(), direction: fc.constantFrom('debit' as const, 'credit' as const), amount: fc.integer({ min: 1, max: 5_000_000 }) });
  const command: fc.Arbitrary<Command> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ type: fc.constant('post' as const), legs: fc.array(leg, { minLength: 1, maxLength: 4 }), balancing: fc.nat(), currency: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('reverse' as const), pick: fc.nat() }) },
  );

  it('leaves the trial balance at zero per currency and every account balance equal to the sum of its postings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 10 }), async (commands) => {
        // Accounts owned by this run only (so the expected balances are exact), plus a shared company account.
        const owners = [uid(), uid()];
        const accountsIn = (currency: string): AccountRef[] => [
          receivable(owners[0]!, currency),
          receivable(owners[1]!, currency),
          credit(owners[0]!, currency),
          credit(owners[1]!, currency),
          { kind: 'premium_income', currency },
        ];
        const expected = new Map<string, { ref: AccountRef; balance: number }>();
        const apply = (ref: AccountRef, direction: 'debit' | 'credit', amount: number) => {
          const key = `${ref.kind}|${ref.owner ?? ''}|${ref.currency}`;
          const normal = ref.kind === 'premium_receivable' ? 'debit' : 'credit';
          const current = expected.get(key) ?? { ref, balance: 0 };
          current.balance += direction === normal ? amount : -amount;
          expected.set(key, current);
        };
        const posted: { id: string; postings: NewPosting[]; reversed: boolean }[] = [];

        for (const c of commands) {
          if (c.type === 'post') {
            const currency = CURRENCIES[c.currency % CURRENCIES.length]!;
            const accounts = accountsIn(currency);
            const postings: NewPosting[] = c.legs.map((l) => ({ account: accounts[l.account % accounts.length]!, direction: l.direction, amount: l.amount }));
            const net = postings.reduce((s, p) => s + (p.direction === 'debit' ? p.amount : -p.amount), 0);
            if (net !== 0) postings.push({ account: accounts[c.balancing % accounts.length]!, direction: net > 0 ? 'credit' : 'debit', amount: Math.abs(net) });
            if (postings.length < 2) continue;
            const { entry: e } = await post({
              externalId: `prop:${uid()}`,
              effectiveDate: '2026-12-05',
              sourceType: 'payment',
              description: 'property',
              createdBy: null,
              postings,
            });
            posted.push({ id: e.id, postings, reversed: false });
            for (const p of postings) apply(p.account, p.direction, p.amount);
          } else if (posted.length) {
            const target = posted[c.pick % posted.length]!;
            const attempt = t.db.transaction((trx) => ledger.reverse(trx, actor, target.id, 'property', `prop-rev:${uid()}`));
            if (target.reversed) {
              await expect(attempt).rejects.toMatchObject({ code: 'LEDGER_ENTRY_ALREADY_REVERSED' });
            } else {
              await attempt;
              target.reversed = true;
              for (const p of target.postings) apply(p.account, p.direction === 'debit' ? 'credit' : 'debit', p.amount);
            }
          }
        }

        // One snapshot for the service's figures and the raw sums.
        await t.db.transaction(
          async (trx) => {
            const trial = await ledger.trialBalance(trx);
            expect(trial.balanced).toBe(true);
            for (const c of trial.currencies) expect(c.debits).toBe(c.credits);
            for (const { ref, balance } of expected.values()) {
              const raw = await trx('postings as p')
                .join('ledger_accounts as a', 'a.id', 'p.account_id')
                .where({ 'a.kind': ref.kind, 'a.owner_key': ref.owner ?? '', 'a.currency': ref.currency })
                .select('p.direction', 'p.amount');
              const normal = ref.kind === 'premium_receivable' ? 'debit' : 'credit';
              const sum = raw.reduce((s: number, p: { direction: string; amount: number }) => s + (p.direction === normal ? p.amount : -p.amount), 0);
              expect(await ledger.balance(trx, ref)).toBe(sum);
              if (ref.owner) expect(sum).toBe(balance);
            }
          },
          { isolationLevel: 'repeatable read' },
        );
      }),
      { numRuns: 25 },
    );
  });
});
