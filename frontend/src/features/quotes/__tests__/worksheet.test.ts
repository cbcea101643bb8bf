import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDecimals, formatExactMajor, ZERO } from '../exact-amount';
import type { ExactDecimal } from '../exact-amount';
import { addsUpTo, worksheetView } from '../worksheet';
import type { WorksheetStep } from '../worksheet';

const step = (kind: WorksheetStep['kind'], amount: string, coverage?: string): WorksheetStep => ({
  kind,
  label: `${kind} ${coverage ?? ''}`.trim(),
  amount,
  ...(coverage ? { coverage } : {}),
});
const text = (d: ExactDecimal) => formatExactMajor(d);

// A term life worksheet as the engine writes it: per-coverage base and factors, then the steps on the whole premium.
const TERM_LIFE: WorksheetStep[] = [
  step('base', '27500', 'DEATH'),
  step('factor', '639.175', 'DEATH'),
  step('base', '2400', 'WAIVER'),
  step('factor', '-120', 'WAIVER'),
  step('frequency_loading', '1800.5'),
  step('fee', '3500'),
  step('tax', '560.8'),
  step('rounding', '-0.475'),
];

describe('worksheetView', () => {
  it('groups the steps by the coverage they price, then the steps on the whole premium', () => {
    const view = worksheetView(TERM_LIFE);
    expect(view.groups.map((g) => [g.coverage, g.rows.length])).toEqual([
      ['DEATH', 2],
      ['WAIVER', 2],
      [undefined, 4],
    ]);
  });

  it('gives each row the premium so far, this step included, ending exactly on the total', () => {
    const rows = worksheetView(TERM_LIFE).groups.flatMap((g) => g.rows);
    expect(rows.map((r) => text(r.runningTotal))).toEqual(['275.00', '281.39175', '305.39175', '304.19175', '322.19675', '357.19675', '362.80475', '362.80']);
  });

  it('adds each group up to what it contributes, and all of them to the premium', () => {
    const view = worksheetView(TERM_LIFE);
    expect(view.groups.map((g) => text(g.subtotal))).toEqual(['281.39175', '22.80', '58.60825']);
    expect(text(view.total)).toBe('362.80');
    expect(addsUpTo(view, 36280)).toBe(true);
  });

  it('starts a new group at each base step, even for the same coverage again', () => {
    const view = worksheetView([step('base', '100', 'DEATH'), step('factor', '10', 'DEATH'), step('base', '50', 'DEATH')]);
    expect(view.groups.map((g) => g.rows.length)).toEqual([2, 1]);
  });

  it('starts a new group when the coverage changes, without a base step', () => {
    const view = worksheetView([step('factor', '1', 'A'), step('factor', '2', 'B'), step('factor', '3', 'A')]);
    expect(view.groups.map((g) => g.coverage)).toEqual(['A', 'B', 'A']);
  });

  it('shows an empty worksheet as no groups and a zero total', () => {
    const view = worksheetView([]);
    expect(view.groups).toEqual([]);
    expect(addsUpTo(view, 0)).toBe(true);
    expect(addsUpTo(view, 1)).toBe(false);
  });

  it('keeps the row of a step that adds nothing', () => {
    const view = worksheetView([step('minimum_premium', '0')]);
    expect(view.groups[0]?.rows).toHaveLength(1);
  });
});

describe('addsUpTo', () => {
  it('is false when the steps miss the premium by a fraction of a cent', () => {
    expect(addsUpTo(worksheetView([step('base', '36280.001')]), 36280)).toBe(false);
    expect(addsUpTo(worksheetView([step('base', '36279.999')]), 36280)).toBe(false);
  });

  it('compares negative premiums (refund worksheets) too', () => {
    expect(addsUpTo(worksheetView([step('base', '-150.5'), step('rounding', '0.5')]), -150)).toBe(true);
  });
});

describe('worksheetView over any steps', () => {
  const amount = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 5 })).map(([value, scale]) => {
    const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
    return `${value < 0n ? '-' : ''}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
  });
  const stepArb = fc.record({
    kind: fc.constantFrom<WorksheetStep['kind']>('base', 'factor', 'frequency_loading', 'fee', 'tax', 'rounding'),
    coverage: fc.option(fc.constantFrom('DEATH', 'WAIVER', 'CI'), { nil: undefined }),
    amount,
  });

  it('keeps every step once, in order, and the total is the last running total and the sum of the subtotals', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 25 }), (steps) => {
        const worksheet = steps.map((s) => step(s.kind, s.amount, s.coverage));
        const view = worksheetView(worksheet);
        const rows = view.groups.flatMap((g) => g.rows);
        expect(rows.map((r) => r.step)).toEqual(worksheet);
        expect(text(view.groups.map((g) => g.subtotal).reduce(addDecimals, ZERO))).toBe(text(view.total));
        expect(text(view.total)).toBe(rows.length ? text(rows.at(-1)!.runningTotal) : '0.00');
        // Rows that share a group share its coverage.
        for (const group of view.groups) expect(group.rows.every((r) => r.step.coverage === group.coverage)).toBe(true);
      }),
    );
  });
});
