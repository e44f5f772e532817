import { MAX_BAR_TIME } from './market-data.types';

// YYYY-MM-DD, optionally with THH:MM[:SS[.fff]] (T or a space) and Z or ±HH[:]MM.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMBER = /^\d+(?:\.\d+)?$/;
/** Below this a bare number is epoch seconds (1e11 s is the year 5138; 1e11 ms is March 1973). */
const SECONDS_BELOW = 1e11;

/**
 * An ISO-8601 date/time (no offset means UTC, not the server's zone) in epoch ms, or null. Dates
 * are checked field by field: `2024-02-30` is an error, not the 1st of March.
 */
export function parseIsoTime(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac, zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (new Date(time).getUTCDate() !== day) return null;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return time;
}

/**
 * A CSV time cell: ISO-8601, or a bare number taken as epoch seconds when below 1e11 and as epoch
 * milliseconds otherwise (providers export both; the magnitude tells them apart for any real date).
 */
export function parseCsvTime(text: string): number | null {
  const cell = text.trim();
  if (NUMBER.test(cell)) {
    const n = Number(cell);
    const time = Math.round(n < SECONDS_BELOW ? n * 1000 : n);
    return time <= MAX_BAR_TIME ? time : null;
  }
  const time = parseIsoTime(cell);
  return time !== null && time >= 0 && time <= MAX_BAR_TIME ? time : null;
}

/** A query parameter time: ISO-8601 or epoch milliseconds (never seconds: a URL is written by a program). */
export function parseQueryTime(text: string): number | null {
  const cell = text.trim();
  if (/^\d+$/.test(cell)) {
    const n = Number(cell);
    return n <= MAX_BAR_TIME ? n : null;
  }
  const time = parseIsoTime(cell);
  return time !== null && time >= 0 && time <= MAX_BAR_TIME ? time : null;
}
