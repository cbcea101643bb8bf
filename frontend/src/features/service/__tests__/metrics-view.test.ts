import { describe, expect, it } from 'vitest';
import { csatText, hoursText, npsText, percentText } from '../metrics-view';

describe('service performance figures', () => {
  it('signs the NPS and says how many answers it stands on', () => {
    expect(npsText({ responses: 4, score: 25 })).toBe('+25 (4 answers)');
    expect(npsText({ responses: 3, score: -33.3 })).toBe('−33.3 (3 answers)');
    expect(npsText({ responses: 7, score: 0 })).toBe('0 (7 answers)');
    expect(npsText({ responses: 0, score: null })).toBe('—');
  });

  it('writes CSAT, shares and hours', () => {
    expect(csatText({ responses: 1, average: 4, satisfiedShare: 1 })).toBe('4.0 · 100% satisfied (1 answer)');
    expect(csatText({ responses: 0, average: null, satisfiedShare: null })).toBe('—');
    expect(percentText(0.5)).toBe('50%');
    expect(percentText(null)).toBe('—');
    expect(hoursText(1.25)).toBe('1.3 h');
  });
});
