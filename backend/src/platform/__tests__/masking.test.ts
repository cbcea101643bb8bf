import fc from 'fast-check';
import { maskEmail, maskTail } from '../masking';
import { toCsv } from '../csv';

describe('masking', () => {
  it('shows only the last four characters of a national id, keeping its separators', () => {
    expect(maskTail('123-45-6789')).toBe('***-**-6789');
    expect(maskTail('AB1234567')).toBe('*****4567');
    expect(maskTail('12')).toBe('12');
    expect(maskEmail('jane.doe@example.com')).toBe('j***@example.com');
  });

  it('never reveals more than the last four alphanumerics and keeps the length', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40 }), (value) => {
        const masked = maskTail(value);
        expect(masked).toHaveLength(value.length);
        const visible = [...masked].filter((c, i) => c === value[i] && /[A-Za-z0-9]/.test(c)).length;
        expect(visible).toBeLessThanOrEqual(4);
      }),
    );
  });
});

describe('CSV', () => {
  it('quotes, escapes and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['=1+1', null],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=1+1,\r\n');
  });
});
