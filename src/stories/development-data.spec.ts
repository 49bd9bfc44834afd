import { given } from '../../test/support/story-specification';
import { NOW, governorReport, soldiersKilled, storyOpened } from '../../test/support/story-fixtures';
import { FUTURE_TOLERANCE_MS, readCasualtyReport, readFigure, readTimestamp } from './development-data';
import { reportCasualties } from './story';
import type { Figure } from './story.events';

const report = (changes: Partial<typeof governorReport>, now: Date = NOW) => (state: Parameters<typeof reportCasualties>[0]) =>
  reportCasualties(state, { ...governorReport, ...changes }, now);

describe('figures', () => {
  it.each<[string, Figure]>([
    ['exact 19', { min: 19, max: 19 }],
    ['at least 19 (open-ended)', { min: 19 }],
    ['more than 200', { min: 201, wording: 'more than 200' }],
    ['dozens', { min: 24, wording: 'dozens' }],
    ['between 30 and 40', { min: 30, max: 40, wording: 'between 30 and 40' }],
    ['none', { min: 0, max: 0 }],
  ])('accepts %s', (_wording, figure) => {
    given(storyOpened, soldiersKilled)
      .when(report({ figure }))
      .then({ type: 'CasualtiesReported', data: { ...governorReport, figure } });
  });

  it('refuses a lower bound above the upper bound', () => {
    given(storyOpened).when(report({ figure: { min: 40, max: 30 } })).thenFails('figure_min_above_max', { field: 'figure', min: 40, max: 30 });
  });

  it.each([
    [{ min: -1 }, 'figure.min'],
    [{ min: 2.5 }, 'figure.min'],
    [{ min: 3, max: 7.25 }, 'figure.max'],
    [{ min: 3, max: -4 }, 'figure.max'],
  ])('refuses %j: not a whole number of people', (figure, field) => {
    given(storyOpened).when(report({ figure })).thenFails('figure_not_whole_number', { field });
  });

  it('refuses bounds that are not numbers and fields a figure does not have', () => {
    expect(() => readFigure({ min: '19' }, 'figure')).toThrow(expect.objectContaining({ code: 'invalid_field', details: expect.objectContaining({ field: 'figure.min' }) }));
    expect(() => readFigure({ min: Number.POSITIVE_INFINITY }, 'figure')).toThrow(expect.objectContaining({ code: 'invalid_field' }));
    expect(() => readFigure({ min: 3, approx: true }, 'figure')).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'figure.approx' }) }));
  });
});

describe('report times', () => {
  it('accepts a time 4 minutes ahead of the desk clock and refuses one 6 minutes ahead', () => {
    const fourAhead = new Date(NOW.getTime() + 4 * 60_000).toISOString();
    const sixAhead = new Date(NOW.getTime() + 6 * 60_000).toISOString();
    given(storyOpened).when(report({ asOf: fourAhead })).then({ type: 'CasualtiesReported', data: { ...governorReport, asOf: fourAhead } });
    given(storyOpened).when(report({ asOf: sixAhead })).thenFails('as_of_in_future', { field: 'asOf', now: NOW.toISOString() });
  });

  it('judges the future against the injected clock, not the machine clock', () => {
    const earlierNow = new Date('2025-11-06T19:00:00Z');
    given(storyOpened).when(report({}, earlierNow)).thenFails('as_of_in_future');
  });

  it('allows exactly the tolerance and stores times in UTC', () => {
    expect(FUTURE_TOLERANCE_MS).toBe(300_000);
    expect(readTimestamp('2025-11-06T21:05:00Z', 'asOf', NOW)).toBe('2025-11-06T21:05:00.000Z');
    expect(readTimestamp('2025-11-07T00:03+03:00', 'asOf', NOW)).toBe('2025-11-06T21:03:00.000Z');
    expect(readTimestamp('2025-11-06T22:40:30.5+0300', 'asOf', NOW)).toBe('2025-11-06T19:40:30.500Z');
    expect(readTimestamp('2024-02-29T12:00:00Z', 'asOf', NOW)).toBe('2024-02-29T12:00:00.000Z');
  });

  it.each([
    'yesterday at 7pm',
    '2025-11-06',
    '2025-11-06T19:40:00',
    '2025-02-29T12:00:00Z',
    '2025-11-31T12:00:00Z',
    '2025-13-01T12:00:00Z',
    '2025-11-06T24:00:00Z',
    '2025-11-06T19:60:00Z',
    '2025-11-06T19:40:00+25:00',
    '',
  ])('refuses "%s" as an unparseable time', (asOf) => {
    given(storyOpened).when(report({ asOf })).thenFails('invalid_timestamp', { field: 'asOf', value: asOf });
  });

  it('refuses a time that is not a string', () => {
    expect(() => readTimestamp(1762458000000, 'asOf', NOW)).toThrow(expect.objectContaining({ code: 'invalid_field' }));
  });
});

describe('report shape', () => {
  it('refuses values outside the lists and missing names, naming the field by its path', () => {
    const read = (value: object) => () => readCasualtyReport(value, NOW);
    expect(read({ ...governorReport, category: 'injured' })).toThrow(expect.objectContaining({ code: 'invalid_field', details: expect.objectContaining({ field: 'category' }) }));
    expect(read({ ...governorReport, status: 'rumoured' })).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'status' }) }));
    expect(read({ ...governorReport, source: { role: 'governor' } })).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'source.name' }) }));
    expect(read({ ...governorReport, casualtyKind: 'x' })).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'casualtyKind' }) }));
  });

  it('drops optional fields given as undefined instead of storing them', () => {
    const read = readCasualtyReport({ ...governorReport, location: undefined, source: { name: 'Selin Arslan', via: undefined } }, NOW);
    expect(read).not.toHaveProperty('location');
    expect(read.source).toStrictEqual({ name: 'Selin Arslan' });
  });
});
