// Reading a bank statement CSV (pure): the header, a mapping of its columns to the line's fields
// (given, or guessed from the names), and each line read into a date, an amount and a fee in minor
// units, a reference and a description — or a problem with its line number. RFC 4180 parsing is
// csv-parse's (quotes, embedded commas and line breaks, a byte-order mark).
import { parse } from 'csv-parse/sync';
import type { StatementLineProblem, StatementMapping } from '../../contracts/reconciliation';

export interface ParsedLine {
  /** The line number in the file where the record ends (the header is line 1). */
  line: number;
  date: string;
  /** Signed minor units. */
  amount: number;
  /** Minor units, ≥ 0. */
  fee: number;
  reference: string;
  description: string;
}

export type StatementFile = { ok: true; columns: string[]; records: { line: number; cells: string[] }[] } | { ok: false; problem: string };

/** The most lines a statement may hold (a gateway's month of payouts fits many times). */
export const STATEMENT_MAX_LINES = 20_000;

/** Splits the file into its header and records, each with its line number. */
export function readStatementFile(text: string): StatementFile {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, problem: `The file is not a well-formed CSV${line ? ` (line ${line})` : ''}: ${(err as Error).message}` };
  }
  const [header, ...records] = rows;
  if (!header || records.length === 0) return { ok: false, problem: 'The file needs a header line and at least one line of the statement.' };
  if (records.length > STATEMENT_MAX_LINES) return { ok: false, problem: `A statement holds at most ${STATEMENT_MAX_LINES} lines; split the file.` };
  return { ok: true, columns: header.record, records: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

const GUESSES: Record<'date' | 'amount' | 'reference' | 'description' | 'fee', RegExp> = {
  date: /^(date|value ?date|booking ?date|transaction ?date|created|available ?on|arrival ?date)$/i,
  amount: /^(amount|net|net ?amount|credit|value)$/i,
  reference: /^(reference|ref|payment ?reference|source|source ?id|id|transaction ?id|charge ?id)$/i,
  description: /^(description|details|narrative|memo|text)$/i,
  fee: /^(fee|fees|processing ?fee)$/i,
};

/** A mapping from the header's names, or null when the date, amount or reference column cannot be told. */
export function guessMapping(columns: string[]): StatementMapping | null {
  const find = (re: RegExp) => columns.find((c) => re.test(c.trim()));
  const [date, amount, reference] = [find(GUESSES.date), find(GUESSES.amount), find(GUESSES.reference)];
  if (!date || !amount || !reference) return null;
  const description = find(GUESSES.description);
  const fee = find(GUESSES.fee);
  return { date, amount, reference, ...(description ? { description } : {}), ...(fee ? { fee } : {}), dateFormat: 'YYYY-MM-DD' };
}

/** The mapped columns the header lacks, and columns mapped twice; empty when the mapping fits. */
export function mappingProblems(columns: string[], mapping: StatementMapping): string[] {
  const mapped = [mapping.date, mapping.amount, mapping.reference, mapping.description, mapping.fee].filter((c): c is string => c !== undefined);
  const problems = mapped.filter((c) => !columns.includes(c)).map((c) => `The file has no column "${c}".`);
  const twice = mapped.filter((c, i) => mapped.indexOf(c) !== i);
  return [...problems, ...[...new Set(twice)].map((c) => `"${c}" is mapped to two fields.`)];
}

const AMOUNT_MAX = 1_000_000_000_00;

/** "1,234.56", "-12.5", "(12.50)", "12" → minor units; null when not an amount with at most two decimals. */
export function parseAmount(raw: string): number | null {
  let s = raw.trim().replace(/\s/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) [negative, s] = [true, s.slice(1, -1)];
  if (s.startsWith('-')) [negative, s] = [!negative, s.slice(1)];
  else if (s.startsWith('+')) s = s.slice(1);
  if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s)) s = s.replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor > AMOUNT_MAX) return null;
  return negative ? -minor : minor;
}

/** A date in the given format → YYYY-MM-DD, or null when it is not a real calendar day. */
export function parseDate(raw: string, format: StatementMapping['dateFormat']): string | null {
  const s = raw.trim();
  const m = format === 'YYYY-MM-DD' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = format === 'YYYY-MM-DD' ? [m[1], m[2], m[3]] : format === 'DD/MM/YYYY' ? [m[3], m[2], m[1]] : [m[3], m[1], m[2]];
  const iso = `${y}-${mo}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso || iso < '2000-01-01' || iso > '2999-12-31') return null;
  return iso;
}

/**
 * Every record read with the mapping: the lines, and a problem per line that cannot be read. A line
 * dated after `latest` is a problem too: a statement reports what happened, and a typo such as 2206
 * would post its fee centuries ahead, outside every close.
 */
export function readLines(
  columns: string[],
  records: { line: number; cells: string[] }[],
  mapping: StatementMapping,
  latest: string,
): { lines: ParsedLine[]; problems: StatementLineProblem[]; partial: (Partial<ParsedLine> & { line: number })[] } {
  const at = (name: string | undefined) => (name === undefined ? -1 : columns.indexOf(name));
  const idx = { date: at(mapping.date), amount: at(mapping.amount), reference: at(mapping.reference), description: at(mapping.description), fee: at(mapping.fee) };
  const lines: ParsedLine[] = [];
  const problems: StatementLineProblem[] = [];
  const partial: (Partial<ParsedLine> & { line: number })[] = [];
  for (const { line, cells } of records) {
    const errors: string[] = [];
    if (cells.length !== columns.length) errors.push(`${cells.length} columns where the header has ${columns.length}`);
    const cell = (i: number) => (i < 0 ? '' : (cells[i] ?? ''));
    const date = parseDate(cell(idx.date), mapping.dateFormat);
    if (!date) errors.push(`"${cell(idx.date)}" is not a date (${mapping.dateFormat})`);
    else if (date > latest) errors.push(`${date} is too far in the future`);
    // The database refuses a NUL in text: say which line holds it instead.
    if (cells.some((c) => c.includes('\u0000'))) errors.push('A cell holds a NUL character');
    const amount = parseAmount(cell(idx.amount));
    if (amount === null) errors.push(`"${cell(idx.amount)}" is not an amount`);
    else if (amount === 0) errors.push('The amount is zero');
    const feeText = cell(idx.fee);
    const fee = feeText === '' ? 0 : parseAmount(feeText);
    if (fee === null || fee < 0) errors.push(`"${feeText}" is not a fee (an amount of 0 or more)`);
    const reference = cell(idx.reference).slice(0, 200);
    const description = cell(idx.description).slice(0, 500);
    partial.push({ line, ...(date ? { date } : {}), ...(amount !== null ? { amount } : {}), ...(fee !== null ? { fee } : {}), reference, description });
    if (errors.length) problems.push({ line, message: errors.join('; ') });
    else lines.push({ line, date: date!, amount: amount!, fee: fee!, reference, description });
  }
  return { lines, problems, partial };
}
