import {
  CASUALTY_CATEGORIES,
  CASUALTY_STATUSES,
  CasualtiesReportedData,
  CorrectableType,
  Figure,
  STATEMENT_MODES,
  Source,
  Speaker,
  StatementRecordedData,
} from './story.events';
import { storyError, invalidField } from './story.errors';
import { join, omitAbsent, readObject, readOneOf, readOptionalText, readText, refuseUnknownKeys } from './field-readers';

/** Every top-level data key of a correctable type: the keys a correction's `changes` may use. */
export const DEVELOPMENT_DATA_KEYS: Readonly<Record<CorrectableType, readonly string[]>> = {
  CasualtiesReported: ['party', 'category', 'figure', 'status', 'source', 'asOf', 'location', 'note'],
  StatementRecorded: ['speaker', 'text', 'mode', 'channel', 'via', 'madeAt'],
};

/** How far ahead of the desk's clock a reported time may lie: sources' clocks and time zones drift. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * Reads a casualty report, checking the same rules whether it is new or the result of a
 * correction (`path` then prefixes field names, e.g. `changes`). Returns it in stored form.
 */
export function readCasualtyReport(value: unknown, now: Date, path = ''): CasualtiesReportedData {
  const data = readObject(value, path);
  refuseUnknownKeys(data, DEVELOPMENT_DATA_KEYS.CasualtiesReported, path);
  return omitAbsent({
    party: readText(data, 'party', path),
    category: readOneOf(data, 'category', CASUALTY_CATEGORIES, path),
    figure: readFigure(data.figure, join(path, 'figure')),
    status: readOneOf(data, 'status', CASUALTY_STATUSES, path),
    source: readSource(data.source, join(path, 'source')),
    asOf: readTimestamp(data.asOf, join(path, 'asOf'), now),
    location: readOptionalText(data, 'location', path),
    note: readOptionalText(data, 'note', path),
  });
}

/** Reads a statement, new or corrected, and returns it in stored form. */
export function readStatement(value: unknown, now: Date, path = ''): StatementRecordedData {
  const data = readObject(value, path);
  refuseUnknownKeys(data, DEVELOPMENT_DATA_KEYS.StatementRecorded, path);
  return omitAbsent({
    speaker: readSpeaker(data.speaker, join(path, 'speaker')),
    text: readText(data, 'text', path),
    mode: readOneOf(data, 'mode', STATEMENT_MODES, path),
    channel: readOptionalText(data, 'channel', path),
    via: readOptionalText(data, 'via', path),
    madeAt: data.madeAt === undefined ? undefined : readTimestamp(data.madeAt, join(path, 'madeAt'), now),
  });
}

export function readFigure(value: unknown, path: string): Figure {
  const figure = readObject(value, path);
  refuseUnknownKeys(figure, ['min', 'max', 'wording'], path);
  const min = readHeadcount(figure.min, join(path, 'min'));
  const max = figure.max === undefined ? undefined : readHeadcount(figure.max, join(path, 'max'));
  if (max !== undefined && min > max) {
    throw storyError('figure_min_above_max', `The figure's lower bound (${min}) is above its upper bound (${max}).`, {
      field: path,
      min,
      max,
    });
  }
  return omitAbsent({ min, max, wording: readOptionalText(figure, 'wording', path) });
}

function readHeadcount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidField(path, 'must be a number');
  if (!Number.isInteger(value) || value < 0) {
    throw storyError('figure_not_whole_number', `${path} must be a whole number of people (0 or more), not ${value}.`, {
      field: path,
      value,
    });
  }
  return value;
}

function readSource(value: unknown, path: string): Source {
  const source = readObject(value, path);
  refuseUnknownKeys(source, ['name', 'role', 'organization', 'via', 'channel'], path);
  return omitAbsent({
    name: readText(source, 'name', path),
    role: readOptionalText(source, 'role', path),
    organization: readOptionalText(source, 'organization', path),
    via: readOptionalText(source, 'via', path),
    channel: readOptionalText(source, 'channel', path),
  });
}

function readSpeaker(value: unknown, path: string): Speaker {
  const speaker = readObject(value, path);
  refuseUnknownKeys(speaker, ['name', 'role', 'organization'], path);
  return omitAbsent({
    name: readText(speaker, 'name', path),
    role: readOptionalText(speaker, 'role', path),
    organization: readOptionalText(speaker, 'organization', path),
  });
}

// A date, a time to the minute at least, and a zone: a time without a zone is ambiguous on a
// desk whose sources span several. Calendar fields are checked separately (Date rolls 30 Feb over).
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * Reads an ISO-8601 date and time with a zone, refuses one more than {@link FUTURE_TOLERANCE_MS}
 * after `now`, and returns it in UTC as `Date#toISOString()` gives it, so stored times compare as strings.
 */
export function readTimestamp(value: unknown, path: string, now: Date): string {
  if (typeof value !== 'string') throw invalidField(path, 'must be an ISO-8601 date and time string');
  const instant = parseIsoTimestamp(value);
  if (instant === null) {
    throw storyError('invalid_timestamp', `${path} "${value}" is not an ISO-8601 date and time with a time zone.`, {
      field: path,
      value,
    });
  }
  if (instant.getTime() - now.getTime() > FUTURE_TOLERANCE_MS) {
    throw storyError('as_of_in_future', `${path} ${instant.toISOString()} is more than 5 minutes after now (${now.toISOString()}).`, {
      field: path,
      value,
      now: now.toISOString(),
    });
  }
  return instant.toISOString();
}

function parseIsoTimestamp(text: string): Date | null {
  const match = ISO_TIMESTAMP.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', , offsetHours = '0', offsetMinutes = '0'] = match;
  const dayExists = Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth(Number(year), Number(month));
  const timeExists = Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;
  const offsetExists = Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59;
  if (!dayExists || !timeExists || !offsetExists) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}
