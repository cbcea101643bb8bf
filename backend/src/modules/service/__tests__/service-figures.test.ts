import fc from 'fast-check';
import { csatFigures, median, npsFigures } from '../service-figures';

describe('service figures', () => {
  it('computes NPS as % promoters − % detractors with the count', () => {
    expect(npsFigures([])).toEqual({ responses: 0, score: null });
    expect(npsFigures([10, 9, 8, 7, 6, 0])).toEqual({ responses: 6, score: 0 });
    expect(npsFigures([10, 10, 10, 2])).toEqual({ responses: 4, score: 50 });
    expect(npsFigures([8, 7])).toEqual({ responses: 2, score: 0 });
  });

  it('computes CSAT average and the share satisfied (4 or 5)', () => {
    expect(csatFigures([])).toEqual({ responses: 0, average: null, satisfiedShare: null });
    expect(csatFigures([5, 4, 1, 2])).toEqual({ responses: 4, average: 3, satisfiedShare: 0.5 });
  });

  it('keeps NPS within −100…100, CSAT within 1…5, and the median within the values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1 }), (scores) => {
        const { score, responses } = npsFigures(scores);
        expect(responses).toBe(scores.length);
        expect(score).toBeGreaterThanOrEqual(-100);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1 }), (scores) => {
        const { average, satisfiedShare } = csatFigures(scores);
        expect(average).toBeGreaterThanOrEqual(1);
        expect(average).toBeLessThanOrEqual(5);
        expect(satisfiedShare).toBeGreaterThanOrEqual(0);
        expect(satisfiedShare).toBeLessThanOrEqual(1);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const m = median(values)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
      }),
    );
  });
});
