import { csvExport } from '../export';

const columns = [
  ['name', (r: { name: string | null; n: number }) => r.name],
  ['n', (r: { name: string | null; n: number }) => r.n],
] as const;

describe('csvExport', () => {
  it('quotes cells with commas, quotes and line breaks (RFC 4180) and ends each line with CRLF', () => {
    const { csv } = csvExport(
      [
        { name: 'Smith, Anne', n: 1 },
        { name: 'Say "hi"', n: 2 },
        { name: 'two\nlines', n: 3 },
        { name: null, n: 4 },
      ],
      10,
      columns,
    );
    expect(csv).toBe('name,n\r\n"Smith, Anne",1\r\n"Say ""hi""",2\r\n"two\nlines",3\r\n,4\r\n');
  });

  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx'])('prefixes %j, which a spreadsheet would run as a formula, with an apostrophe', (value) => {
    expect(csvExport([{ name: value, n: 1 }], 10, columns).csv.split('\r\n')[1]).toBe(`'${value},1`);
  });

  it('keeps a formula inside quotes when it also needs quoting', () => {
    expect(csvExport([{ name: '=HYPERLINK("x","y")', n: 1 }], 10, columns).csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"",""y"")",1`);
  });

  it('keeps at most the cap and says when the rows went past it', () => {
    const rows = [1, 2, 3].map((n) => ({ name: `r${n}`, n }));
    expect(csvExport(rows, 3, columns)).toMatchObject({ rows: 3, truncated: false });
    const cut = csvExport(rows, 2, columns);
    expect(cut).toMatchObject({ rows: 2, truncated: true });
    expect(cut.csv.trimEnd().split('\r\n')).toHaveLength(3);
  });
});
