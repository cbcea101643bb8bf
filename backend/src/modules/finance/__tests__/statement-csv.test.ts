// Reading a bank statement CSV (pure): amounts to minor units, dates in three formats, the mapping
// checked against the header, line numbers that count a quoted line break.
import { guessMapping, mappingProblems, parseAmount, parseDate, readLines, readStatementFile } from '../statement-csv';

describe('parseAmount', () => {
  it.each([
    ['12', 12_00],
    ['12.5', 12_50],
    ['-12.50', -12_50],
    ['+0.01', 1],
    ['1,234.56', 1_234_56],
    ['(7.00)', -7_00],
    [' 3.20 ', 3_20],
  ])('reads %s as %d minor units', (raw, minor) => expect(parseAmount(raw)).toBe(minor));

  it.each(['', '12.345', '1,23.00', '12,50', 'abc', '1e3', '--1', '99999999999.00'])('refuses %j', (raw) => expect(parseAmount(raw)).toBeNull());
});

describe('parseDate', () => {
  it('reads each format and refuses days that do not exist', () => {
    expect(parseDate('2027-01-31', 'YYYY-MM-DD')).toBe('2027-01-31');
    expect(parseDate('31/01/2027', 'DD/MM/YYYY')).toBe('2027-01-31');
    expect(parseDate('01/31/2027', 'MM/DD/YYYY')).toBe('2027-01-31');
    expect(parseDate('2027-02-29', 'YYYY-MM-DD')).toBeNull();
    expect(parseDate('31/01/2027', 'MM/DD/YYYY')).toBeNull();
    expect(parseDate('2027-1-3', 'YYYY-MM-DD')).toBeNull();
  });
});

describe('reading a file', () => {
  it('numbers records by the file line they end on (a header is line 1; a byte-order mark is dropped)', () => {
    const file = readStatementFile('\uFEFFDate,Amount,Reference\r\n2027-01-02,1.00,A\r\n2027-01-03,"2.00","B\nsecond line"\r\n\r\n2027-01-04,3.00,C\r\n');
    expect(file).toEqual({
      ok: true,
      columns: ['Date', 'Amount', 'Reference'],
      records: [
        { line: 2, cells: ['2027-01-02', '1.00', 'A'] },
        { line: 4, cells: ['2027-01-03', '2.00', 'B\nsecond line'] },
        { line: 6, cells: ['2027-01-04', '3.00', 'C'] },
      ],
    });
  });

  it('refuses a file without lines and one with a broken quote', () => {
    expect(readStatementFile('Date,Amount,Reference\n')).toMatchObject({ ok: false });
    expect(readStatementFile('Date,Amount,Reference\n2027-01-02,"1.00,A\n')).toMatchObject({ ok: false, problem: expect.stringContaining('not a well-formed CSV') });
  });

  it('checks the mapping against the header and reads each line or says why not', () => {
    const columns = ['Date', 'Amount', 'Reference', 'Fee'];
    const mapping = guessMapping(columns)!;
    expect(mapping).toEqual({ date: 'Date', amount: 'Amount', reference: 'Reference', fee: 'Fee', dateFormat: 'YYYY-MM-DD' });
    expect(mappingProblems(columns, { ...mapping, description: 'Memo' })).toEqual(['The file has no column "Memo".']);
    expect(mappingProblems(columns, { ...mapping, fee: 'Amount' })).toEqual(['"Amount" is mapped to two fields.']);
    const { lines, problems } = readLines(
      columns,
      [
        { line: 2, cells: ['2027-01-02', '96.80', 'ch_1', '3.20'] },
        { line: 3, cells: ['2027-01-02', '0.00', 'ch_2', ''] },
        { line: 4, cells: ['2027-01-02', '5.00', 'ch_3', '-1.00'] },
        { line: 5, cells: ['2027-01-04', '5.00', 'ch_4', ''] },
        { line: 6, cells: ['2027-01-02', '5.00', 'ch\u00005', ''] },
      ],
      mapping,
      '2027-01-03',
    );
    expect(lines).toEqual([{ line: 2, date: '2027-01-02', amount: 96_80, fee: 3_20, reference: 'ch_1', description: '' }]);
    expect(problems).toEqual([
      { line: 3, message: 'The amount is zero' },
      { line: 4, message: '"-1.00" is not a fee (an amount of 0 or more)' },
      { line: 5, message: '2027-01-04 is too far in the future' },
      { line: 6, message: 'A cell holds a NUL character' },
    ]);
  });
});
