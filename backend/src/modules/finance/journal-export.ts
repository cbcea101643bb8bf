// A month's journal for the accounting system: one summarised journal per day and currency, one line
// per general-ledger account (the day's net on it), in the import formats of QuickBooks Online
// (journal entry CSV), NetSuite (journal import CSV) and a generic CSV. Pure: the ledger's daily
// totals and the mapping in, the file out.
import type { AccountKind } from '../../contracts/billing';
import type { JournalExportBatch } from '../../contracts/finance';
import { toCsv } from '../../platform/csv';

export interface DailyMovement {
  date: string;
  kind: AccountKind;
  currency: string;
  debits: number;
  credits: number;
  entries: number;
}

export interface JournalLine {
  date: string;
  currency: string;
  kind: AccountKind;
  glCode: string;
  glName: string;
  /** The day's net on the account: one of debit and credit is 0. */
  debit: number;
  credit: number;
  entries: number;
}

type Format = JournalExportBatch['format'];

/** Nets each day's movements per account; a day and currency whose account nets to nothing has no line. */
export function journalLines(movements: readonly DailyMovement[], mapping: ReadonlyMap<AccountKind, { glCode: string; glName: string }>): JournalLine[] {
  return movements
    .filter((m) => m.debits !== m.credits)
    .map((m) => {
      const gl = mapping.get(m.kind)!;
      const net = m.debits - m.credits;
      return { date: m.date, currency: m.currency, kind: m.kind, glCode: gl.glCode, glName: gl.glName, debit: Math.max(net, 0), credit: Math.max(-net, 0), entries: m.entries };
    });
}

/** Per currency, Σ debits and Σ credits of the lines (equal: each day's journal balances). */
export function totalsOf(lines: readonly JournalLine[]): { currency: string; debits: number; credits: number }[] {
  const byCurrency = new Map<string, { debits: number; credits: number }>();
  for (const l of lines) {
    const t = byCurrency.get(l.currency) ?? { debits: 0, credits: 0 };
    t.debits += l.debit;
    t.credits += l.credit;
    byCurrency.set(l.currency, t);
  }
  return [...byCurrency].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({ currency, ...t }));
}

const amount = (minor: number) => (minor === 0 ? '' : (minor / 100).toFixed(2));
const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const journalNo = (l: JournalLine) => `PD-${l.date.replaceAll('-', '')}-${l.currency}`;
const memo = (l: JournalLine) => `Policydesk ${l.kind} on ${l.date} (${l.entries} ${l.entries === 1 ? 'entry' : 'entries'})`;

/** The file of a month's lines in a format: its name and content. */
export function renderJournal(format: Format, month: string, lines: readonly JournalLine[]): { filename: string; content: string } {
  const filename = `policydesk-journal-${month}-${format}.csv`;
  switch (format) {
    case 'quickbooks':
      return {
        filename,
        content: toCsv(
          ['JournalNo', 'JournalDate', 'Currency', 'AccountName', 'Debits', 'Credits', 'Description'],
          lines.map((l) => [journalNo(l), usDate(l.date), l.currency, l.glName, amount(l.debit), amount(l.credit), memo(l)]),
        ),
      };
    case 'netsuite':
      return {
        filename,
        content: toCsv(
          ['External ID', 'Date', 'Currency', 'Account', 'Debit', 'Credit', 'Memo'],
          lines.map((l) => [journalNo(l), usDate(l.date), l.currency, l.glCode, amount(l.debit), amount(l.credit), memo(l)]),
        ),
      };
    case 'generic':
      return {
        filename,
        content: toCsv(
          ['date', 'currency', 'gl_code', 'gl_name', 'policydesk_account', 'debit', 'credit', 'entries'],
          lines.map((l) => [l.date, l.currency, l.glCode, l.glName, l.kind, amount(l.debit), amount(l.credit), l.entries]),
        ),
      };
  }
}
