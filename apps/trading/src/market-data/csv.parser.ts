import { barProblem, timeframeMs, type Timeframe } from './market-data.types';
import { parseCsvTime } from './time.parser';

/** Bars as columns: what the bulk insert (unnest of arrays) takes, and far lighter than 1M objects. */
export interface BarColumns {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

export interface RowError {
  line: number;
  message: string;
}

export type CsvParseResult = { ok: true; bars: BarColumns } | { ok: false; message: string; errors: RowError[]; total: number };

type Column = keyof BarColumns;
const ALIASES: Record<string, Column> = {
  time: 'time',
  timestamp: 'time',
  date: 'time',
  datetime: 'time',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  volume: 'volume',
};
const REQUIRED: Column[] = ['time', 'open', 'high', 'low', 'close'];
const PRICES: Column[] = ['open', 'high', 'low', 'close', 'volume'];
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function emptyColumns(): BarColumns {
  return { time: [], open: [], high: [], low: [], close: [], volume: [] };
}

/** Splits one CSV record; quoted fields may hold the delimiter and `""`. A string result is the error. */
export function splitCsvLine(line: string, delimiter = ','): string[] | string {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return 'unterminated quoted field';
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      if (j < line.length && line[j] !== delimiter) return 'unexpected text after a quoted field';
      fields.push(value);
      i = j + 1;
    } else {
      const end = line.indexOf(delimiter, i);
      fields.push(line.slice(i, end < 0 ? line.length : end));
      if (end < 0) break;
      i = end + 1;
    }
  }
  return fields;
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

/**
 * Parses and validates an OHLCV CSV for one timeframe. Every bad row is named by its line number
 * (the first `maxErrors` are listed, `total` counts them all); bars must be strictly ascending, so
 * duplicates and out-of-order rows are errors rather than silently sorted or dropped.
 */
export function parseBarsCsv(text: string, timeframe: Timeframe, maxErrors = 100): CsvParseResult {
  const tfMs = timeframeMs(timeframe);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  const errors: RowError[] = [];
  let total = 0;
  const fail = (line: number, message: string) => {
    total++;
    if (errors.length < maxErrors) errors.push({ line, message });
  };

  let headerLine = lines.findIndex((l) => l.trim() !== '');
  if (headerLine < 0) return { ok: false, message: 'The CSV is empty: a header row time,open,high,low,close,volume is required', errors: [], total: 0 };
  const header = lines[headerLine];
  // Some exports use ';' or tabs; the header tells which.
  const delimiter = header.includes(',') ? ',' : header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
  const names = splitCsvLine(header, delimiter);
  headerLine += 1; // 1-based from here on
  if (typeof names === 'string') return headerError(headerLine, `header: ${names}`);
  const index: Partial<Record<Column, number>> = {};
  for (const [i, raw] of names.entries()) {
    const column = ALIASES[raw.trim().toLowerCase()];
    if (!column) continue; // extra columns (adj close, trades, ...) are ignored
    if (index[column] !== undefined) return headerError(headerLine, `header names the ${column} column twice`);
    index[column] = i;
  }
  const missing = REQUIRED.filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    return headerError(headerLine, `header row must name time (or timestamp/date), open, high, low, close and optionally volume; missing: ${missing.join(', ')}`);
  }

  const present = [...REQUIRED, 'volume' as const].flatMap((c) => (index[c] === undefined ? [] : [[c, index[c]] as const]));
  const bars = emptyColumns();
  let prevTime = -1;
  let prevLine = 0;
  for (let n = headerLine; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '') continue;
    const lineNo = n + 1;
    const fields = splitCsvLine(line, delimiter);
    if (typeof fields === 'string') {
      fail(lineNo, fields);
      continue;
    }
    const absent = present.filter(([, at]) => fields[at] === undefined || fields[at].trim() === '').map(([c]) => c);
    if (absent.length > 0) {
      fail(lineNo, `missing ${absent.join(', ')} (${fields.length} of ${names.length} columns)`);
      continue;
    }
    const problems: string[] = [];
    const timeCell = fields[index.time as number];
    const time = parseCsvTime(timeCell);
    if (time === null) problems.push(`time "${timeCell.trim().slice(0, 40)}" is not an ISO-8601 date or epoch seconds/milliseconds`);
    const values: Record<string, number> = { volume: 0 };
    for (const column of PRICES) {
      const at = index[column];
      if (at === undefined) continue;
      const cell = fields[at].trim();
      if (!DECIMAL.test(cell)) problems.push(`${column} "${cell.slice(0, 40)}" is not a number`);
      else values[column] = Number(cell);
    }
    if (problems.length > 0 || time === null) {
      fail(lineNo, problems.join('; '));
      continue;
    }
    const bar = { time, open: values['open'], high: values['high'], low: values['low'], close: values['close'], volume: values['volume'] };
    const problem = barProblem(bar, tfMs);
    if (problem) {
      fail(lineNo, problem);
      continue;
    }
    if (time === prevTime) {
      fail(lineNo, `duplicate timestamp ${iso(time)} (also on line ${prevLine})`);
      continue;
    }
    if (time < prevTime) {
      fail(lineNo, `timestamp ${iso(time)} is out of order: rows must be ascending and line ${prevLine} has ${iso(prevTime)}`);
      continue;
    }
    prevTime = time;
    prevLine = lineNo;
    bars.time.push(time);
    bars.open.push(bar.open);
    bars.high.push(bar.high);
    bars.low.push(bar.low);
    bars.close.push(bar.close);
    bars.volume.push(bar.volume);
  }
  if (total > 0) {
    const listed = total > errors.length ? ` (the first ${errors.length} are listed)` : '';
    return { ok: false, message: `The CSV has ${total} invalid row${total === 1 ? '' : 's'}${listed}; nothing was imported`, errors, total };
  }
  if (bars.time.length === 0) return { ok: false, message: 'The CSV has a header but no data rows', errors: [], total: 0 };
  return { ok: true, bars };
}

function headerError(line: number, message: string): CsvParseResult {
  return { ok: false, message: `Invalid CSV header: ${message}`, errors: [{ line, message }], total: 1 };
}
