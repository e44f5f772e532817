import { parseBarsCsv, splitCsvLine, type BarColumns } from './csv.parser';

const H = 'time,open,high,low,close,volume';
const T0 = Date.UTC(2024, 0, 2, 10, 0);

function ok(text: string, tf: Parameters<typeof parseBarsCsv>[1] = '1m'): BarColumns {
  const result = parseBarsCsv(text, tf);
  if (!result.ok) throw new Error(`${result.message}: ${JSON.stringify(result.errors)}`);
  return result.bars;
}

function errors(text: string, tf: Parameters<typeof parseBarsCsv>[1] = '1m') {
  const result = parseBarsCsv(text, tf);
  if (result.ok) throw new Error('expected errors');
  return result;
}

describe('splitCsvLine', () => {
  it('splits plain and quoted fields, with escaped quotes and delimiters inside quotes', () => {
    expect(splitCsvLine('a,b,,c')).toEqual(['a', 'b', '', 'c']);
    expect(splitCsvLine('"a,1","say ""hi""",3')).toEqual(['a,1', 'say "hi"', '3']);
    expect(splitCsvLine('1,"2"')).toEqual(['1', '2']);
    expect(splitCsvLine('"x')).toBe('unterminated quoted field');
    expect(splitCsvLine('"x"y,1')).toBe('unexpected text after a quoted field');
  });
});

describe('parseBarsCsv', () => {
  it('reads ISO, epoch seconds and epoch ms times, any column order, case-insensitive, with CRLF and a BOM', () => {
    const text = `\uFEFFVolume,Close,Timestamp,Open,Low,High\r\n10,1.5,2024-01-02T10:00:00Z,1,0.5,2\r\n20,1.6,${T0 / 1000 + 60},1.5,1.4,1.7\r\n30,1.7,${T0 + 120_000},1.6,1.5,1.8\r\n\r\n`;
    expect(ok(text)).toEqual({
      time: [T0, T0 + 60_000, T0 + 120_000],
      open: [1, 1.5, 1.6],
      high: [2, 1.7, 1.8],
      low: [0.5, 1.4, 1.5],
      close: [1.5, 1.6, 1.7],
      volume: [10, 20, 30],
    });
  });

  it('takes ISO times without an offset as UTC, accepts offsets, dates and quoted cells; volume is optional', () => {
    const bars = ok(`date,open,high,low,close\n2024-01-02,1,2,1,2\n"2024-01-03 00:00",1,2,1,2\n2024-01-04T02:00:00+02:00,1,2,1,2`, '1d');
    expect(bars.time).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 4)]);
    expect(bars.volume).toEqual([0, 0, 0]);
  });

  it('names every malformed row by its line number and keeps counting past the listed ones', () => {
    const rows = [
      H,
      `${T0},1,2,0.5,1.5,10`, // 2 ok
      `${T0 + 60_000},abc,2,0.5,1.5,10`, // 3 non-numeric
      `${T0 + 120_000},1,2,0.5`, // 4 missing columns
      `${T0 + 180_000},-1,2,0.5,1.5,10`, // 5 negative price
      `${T0 + 240_000},1,2,0.5,1.5,-3`, // 6 negative volume
      `${T0 + 300_000},1,1.2,0.5,1.5,10`, // 7 high below close
      `${T0 + 360_000},1,2,1.2,1.5,10`, // 8 low above open
      `${T0 + 390_000},1,2,0.5,1.5,10`, // 9 not aligned
      `not-a-date,1,2,0.5,1.5,10`, // 10 bad time
    ];
    const result = errors(rows.join('\n'));
    expect(result.total).toBe(8);
    expect(result.message).toMatch(/8 invalid rows; nothing was imported/);
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    const byLine = Object.fromEntries(result.errors.map((e) => [e.line, e.message]));
    expect(byLine[3]).toMatch(/open "abc" is not a number/);
    expect(byLine[4]).toMatch(/missing close, volume/);
    expect(byLine[5]).toMatch(/open must be positive/);
    expect(byLine[6]).toMatch(/volume must not be negative/);
    expect(byLine[7]).toMatch(/high 1.2 is below max\(open, close, low\) 1.5/);
    expect(byLine[8]).toMatch(/low 1.2 is above min\(open, close, high\) 1/);
    expect(byLine[9]).toMatch(/not aligned to the timeframe/);
    expect(byLine[10]).toMatch(/time "not-a-date" is not an ISO-8601 date/);
  });

  it('rejects duplicate and out-of-order timestamps, naming the earlier line', () => {
    const result = errors([H, `${T0},1,1,1,1,1`, `${T0 + 60_000},1,1,1,1,1`, `${T0 + 60_000},1,1,1,1,1`, `${T0},1,1,1,1,1`].join('\n'));
    expect(result.errors).toEqual([
      { line: 4, message: expect.stringMatching(/duplicate timestamp 2024-01-02T10:01:00.000Z \(also on line 3\)/) },
      { line: 5, message: expect.stringMatching(/out of order.*line 3/) },
    ]);
  });

  it('caps the listed errors but counts them all', () => {
    const rows = [H, ...Array.from({ length: 250 }, () => 'x,1,1,1,1,1')];
    const result = errors(rows.join('\n'));
    expect(result.errors).toHaveLength(100);
    expect(result.total).toBe(250);
    expect(result.message).toMatch(/250 invalid rows \(the first 100 are listed\)/);
  });

  it('requires a header naming the columns, and data rows', () => {
    expect(errors('1,2,3,4,5,6\n').errors[0]).toEqual({ line: 1, message: expect.stringMatching(/missing: time, open, high, low, close/) });
    expect(errors('time,open,high,low\n').errors[0].message).toMatch(/missing: close/);
    expect(errors('time,open,high,low,close,time\n').errors[0].message).toMatch(/time column twice/);
    expect(errors(`${H}\n\n`).message).toMatch(/no data rows/);
    expect(errors('').message).toMatch(/empty/);
  });

  it('accepts semicolon-separated exports and ignores extra columns', () => {
    expect(ok(`time;open;high;low;close;adj close;volume\n${T0};1;2;1;2;9;5`).volume).toEqual([5]);
  });
});
