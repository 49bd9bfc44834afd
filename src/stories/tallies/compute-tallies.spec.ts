import fc from 'fast-check';
import { CASUALTY_CATEGORIES } from '../story.events';
import { computeTallies, partyKey, sourceKey, StoryTallyGroups } from './compute-tallies';
import type { TallyReport } from './compute-tallies';

// A fictional shelling of a border post, reported through the evening by invented officials.
const governor = { name: 'Selin Arslan', role: 'provincial governor', channel: 'televised briefing' };
const ministry = { name: 'Ministry of Defence spokesman', organization: 'Ministry of Defence', via: 'Northline Press' };
const monitor = { name: 'Border Watch', organization: 'Border Watch monitoring group' };

let nextPosition = 100;

/** A live, uncorrected report of soldiers killed; positions grow in the order reports are made. */
function report(overrides: Partial<TallyReport> = {}): TallyReport {
  const position = overrides.position ?? nextPosition++;
  return {
    eventId: `event-${position}`,
    position,
    recordedAt: '2025-11-06T21:00:00.000Z',
    party: 'soldiers at the Tepecik post',
    category: 'killed',
    figure: { min: 19, max: 19 },
    status: 'confirmed',
    source: governor,
    asOf: '2025-11-06T19:40:00.000Z',
    corrected: false,
    retracted: false,
    ...overrides,
  };
}

describe('computeTallies', () => {
  it('turns one report into a tally whose current, sources, range and history are that report', () => {
    const only = report({ figure: { min: 24, wording: 'dozens' }, category: 'wounded' });

    expect(computeTallies([only])).toEqual([
      {
        party: 'soldiers at the Tepecik post',
        category: 'wounded',
        current: { figure: { min: 24, wording: 'dozens' }, status: 'confirmed', source: governor, asOf: only.asOf, eventId: only.eventId },
        range: { min: 24, max: null },
        disputed: false,
        sources: [{ source: governor, figure: { min: 24, wording: 'dozens' }, status: 'confirmed', asOf: only.asOf, eventId: only.eventId }],
        history: [
          { eventId: only.eventId, figure: only.figure, status: 'confirmed', source: governor, asOf: only.asOf, recordedAt: only.recordedAt, corrected: false, retracted: false },
        ],
      },
    ]);
  });

  it('reads a rising toll as a timeline: the latest figure is current and replaces the source\'s earlier one', () => {
    const first = report({ figure: { min: 9, max: 9 }, asOf: '2025-11-06T18:30:00.000Z' });
    const second = report({ figure: { min: 22, max: 22 }, asOf: '2025-11-06T19:10:00.000Z' });
    const third = report({ figure: { min: 33, max: 33 }, asOf: '2025-11-06T20:05:00.000Z' });

    const [tally] = computeTallies([third, first, second]);

    expect(tally.current?.eventId).toBe(third.eventId);
    expect(tally.sources.map((source) => source.eventId)).toEqual([third.eventId]);
    expect(tally.range).toEqual({ min: 33, max: 33 });
    expect(tally.history.map((entry) => entry.figure.min)).toEqual([9, 22, 33]);
  });

  it('files a late report with an older asOf into history without making it current', () => {
    const evening = report({ figure: { min: 33, max: 33 }, asOf: '2025-11-06T20:05:00.000Z' });
    const lateButOlder = report({ figure: { min: 22, max: 22 }, asOf: '2025-11-06T19:10:00.000Z', recordedAt: '2025-11-06T22:00:00.000Z' });
    expect(lateButOlder.position).toBeGreaterThan(evening.position);

    const [tally] = computeTallies([evening, lateButOlder]);

    expect(tally.current).toMatchObject({ eventId: evening.eventId, figure: { min: 33, max: 33 } });
    expect(tally.sources.map((source) => source.eventId)).toEqual([evening.eventId]);
    expect(tally.history.map((entry) => entry.eventId)).toEqual([lateButOlder.eventId, evening.eventId]);
  });

  it('breaks a tie on asOf by position: the report recorded later is current', () => {
    const asOf = '2025-11-06T20:00:00.000Z';
    const earlier = report({ asOf, figure: { min: 30, max: 30 }, position: 7 });
    const later = report({ asOf, figure: { min: 31, max: 31 }, position: 8 });

    const [tally] = computeTallies([later, earlier]);

    expect(tally.current?.eventId).toBe(later.eventId);
    expect(tally.history.map((entry) => entry.eventId)).toEqual([earlier.eventId, later.eventId]);
  });

  it('leaves a retracted report out of current, sources and range but keeps it, marked, in history', () => {
    const kept = report({ figure: { min: 19, max: 19 }, asOf: '2025-11-06T19:00:00.000Z' });
    const retracted = report({ figure: { min: 40, max: 40 }, asOf: '2025-11-06T20:00:00.000Z', retracted: true });
    const otherSource = report({ figure: { min: 60, max: 70 }, source: ministry, asOf: '2025-11-06T18:45:00.000Z', retracted: true });

    const [tally] = computeTallies([kept, retracted, otherSource]);

    expect(tally.current?.eventId).toBe(kept.eventId);
    expect(tally.sources.map((source) => source.eventId)).toEqual([kept.eventId]);
    expect(tally.range).toEqual({ min: 19, max: 19 });
    expect(tally.disputed).toBe(false);
    expect(tally.history.map(({ eventId, retracted: marked }) => [eventId, marked])).toEqual([
      [otherSource.eventId, true],
      [kept.eventId, false],
      [retracted.eventId, true],
    ]);
  });

  it('keeps a tally whose every report was retracted, with nothing current', () => {
    const [tally] = computeTallies([report({ retracted: true })]);

    expect(tally).toMatchObject({ current: null, range: null, disputed: false, sources: [] });
    expect(tally.history).toHaveLength(1);
  });

  it('uses the corrected data it is given and marks the corrected report', () => {
    const corrected = report({ figure: { min: 19, wording: 'at least 19' }, corrected: true });

    const [tally] = computeTallies([corrected]);

    expect(tally.current?.figure).toEqual({ min: 19, wording: 'at least 19' });
    expect(tally.range).toEqual({ min: 19, max: null });
    expect(tally.history[0]).toMatchObject({ corrected: true, retracted: false });
  });

  it('moves a report whose party or category a correction changed into the tally it now belongs to', () => {
    const killed = report({ figure: { min: 19, max: 19 } });
    const nowWounded = report({ category: 'wounded', figure: { min: 5, max: 5 }, corrected: true });

    const tallies = computeTallies([killed, nowWounded]);

    expect(tallies.map(({ category, history }) => [category, history.map((entry) => entry.eventId)])).toEqual([
      ['killed', [killed.eventId]],
      ['wounded', [nowWounded.eventId]],
    ]);
  });

  describe('sources, range and disputes', () => {
    it('disputes two sources whose exact figures differ', () => {
      const [tally] = computeTallies([report({ figure: { min: 33, max: 33 } }), report({ source: ministry, figure: { min: 22, max: 22 } })]);

      expect(tally.disputed).toBe(true);
      expect(tally.range).toEqual({ min: 22, max: 33 });
    });

    it('does not dispute an open-ended "dozens" (at least 24) beside an exact 33: both can be true', () => {
      const [tally] = computeTallies([
        report({ figure: { min: 24, wording: 'dozens' } }),
        report({ source: ministry, figure: { min: 33, max: 33 } }),
      ]);

      expect(tally.disputed).toBe(false);
      expect(tally.range).toEqual({ min: 24, max: null });
    });

    it('disputes "more than 300" (at least 301) against a count of at most 120 from another source', () => {
      const [tally] = computeTallies([
        report({ party: 'fighters', status: 'claimed', source: ministry, figure: { min: 301, wording: 'more than 300' } }),
        report({ party: 'fighters', source: monitor, figure: { min: 80, max: 120 } }),
      ]);

      expect(tally.disputed).toBe(true);
      expect(tally.range).toEqual({ min: 80, max: null });
    });

    it('does not dispute overlapping ranges, nor a source against its own earlier figure', () => {
      const [overlapping] = computeTallies([report({ figure: { min: 30, max: 40 } }), report({ source: monitor, figure: { min: 40, max: 55 } })]);
      const [oneSourceRising] = computeTallies([
        report({ figure: { min: 9, max: 9 }, asOf: '2025-11-06T18:00:00.000Z' }),
        report({ figure: { min: 33, max: 33 }, asOf: '2025-11-06T20:00:00.000Z' }),
      ]);

      expect(overlapping.disputed).toBe(false);
      expect(oneSourceRising.disputed).toBe(false);
      expect(oneSourceRising.range).toEqual({ min: 33, max: 33 });
    });

    it('lets a source\'s latest figure end a dispute its earlier one started', () => {
      const [tally] = computeTallies([
        report({ figure: { min: 33, max: 33 }, asOf: '2025-11-06T20:00:00.000Z' }),
        report({ source: ministry, figure: { min: 22, max: 22 }, asOf: '2025-11-06T19:00:00.000Z' }),
        report({ source: ministry, figure: { min: 33, max: 33 }, asOf: '2025-11-06T20:30:00.000Z' }),
      ]);

      expect(tally.disputed).toBe(false);
      expect(tally.sources).toHaveLength(2);
    });

    it('knows a source by name and organization, whatever the case, role, agency or channel', () => {
      const [tally] = computeTallies([
        report({ source: { name: 'Selin Arslan', role: 'governor' }, figure: { min: 19, max: 19 }, asOf: '2025-11-06T19:00:00.000Z' }),
        report({ source: { name: 'selin  arslan', via: 'Meridian News Agency', channel: 'phone call' }, figure: { min: 33, max: 33 }, asOf: '2025-11-06T20:00:00.000Z' }),
        report({ source: { name: 'Selin Arslan', organization: 'Karaca Governorate' }, figure: { min: 33, max: 33 } }),
      ]);

      expect(tally.sources.map((source) => source.source)).toEqual([
        { name: 'Selin Arslan', organization: 'Karaca Governorate' },
        { name: 'selin  arslan', via: 'Meridian News Agency', channel: 'phone call' },
      ]);
      expect(sourceKey({ name: 'Selin Arslan', role: 'x' })).toBe(sourceKey({ name: ' SELIN ARSLAN', channel: 'y' }));
    });
  });

  describe('parties', () => {
    it('groups " Turkish  soldiers" with "turkish soldiers" and shows the first written, tidied', () => {
      const first = report({ party: ' Turkish  soldiers', position: 1 });
      const second = report({ party: 'turkish soldiers', position: 2, figure: { min: 33, max: 33 }, asOf: '2025-11-06T20:00:00.000Z' });

      const tallies = computeTallies([second, first]);

      expect(tallies).toHaveLength(1);
      expect(tallies[0].party).toBe('Turkish soldiers');
      expect(tallies[0].history).toHaveLength(2);
      expect(partyKey(' Turkish  soldiers')).toBe(partyKey('turkish soldiers'));
      expect(partyKey('Turkish soldiers')).not.toBe(partyKey('Turkishsoldiers'));
    });

    it('orders tallies by party, then killed, wounded, missing, captured, displaced', () => {
      const tallies = computeTallies([
        report({ party: 'villagers', category: 'displaced' }),
        report({ party: 'Soldiers', category: 'captured' }),
        report({ party: 'soldiers', category: 'wounded' }),
        report({ party: 'villagers', category: 'killed' }),
        report({ party: 'soldiers', category: 'killed' }),
      ]);

      expect(tallies.map(({ party, category }) => `${party}/${category}`)).toEqual([
        'Soldiers/killed',
        'Soldiers/wounded',
        'Soldiers/captured',
        'villagers/killed',
        'villagers/displaced',
      ]);
    });

    it('orders parties by code point, as PostgreSQL\'s "C" collation does, whatever the locale would say', () => {
      const parties = ['😀 fighters', 'Émigrés', 'ｆighters', 'zeta brigade', 'Alpha company'];
      const tallies = computeTallies(parties.map((party) => report({ party })));

      // "é" (U+E9) after "z"; fullwidth "ｆ" (U+FF46) before the astral emoji, whose UTF-16 units (U+D83D…) compare lower.
      expect(tallies.map(({ party }) => party)).toEqual(['Alpha company', 'zeta brigade', 'Émigrés', 'ｆighters', '😀 fighters']);
    });
  });

  it('gives no tallies for no reports', () => {
    expect(computeTallies([])).toEqual([]);
  });
});

describe('StoryTallyGroups', () => {
  const asOfAt = (hour: number) => `2025-11-06T1${hour}:00:00.000Z`;
  const parties = ['soldiers', ' Soldiers', 'villagers', 'Villagers  '];
  const sources = [governor, ministry, monitor];
  /** One change of a story's reports: a new report, or a correction or retraction of the report at `target` (mod the count). */
  const change = fc.oneof(
    fc.record({ kind: fc.constant('report' as const), party: fc.constantFrom(...parties), category: fc.constantFrom(...CASUALTY_CATEGORIES.slice(0, 3)), min: fc.nat(40), hour: fc.nat(5) }),
    fc.record({
      kind: fc.constant('correct' as const), target: fc.nat(), party: fc.option(fc.constantFrom(...parties)), category: fc.option(fc.constantFrom(...CASUALTY_CATEGORIES.slice(0, 3))), min: fc.nat(40),
      hour: fc.option(fc.nat(5)),
    }),
    fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }),
  );

  it('kept up batch by batch, holds what computeTallies computes from scratch, and names exactly the groups whose tally changed', () => {
    fc.assert(
      fc.property(fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }), (batches) => {
        const kept = new StoryTallyGroups();
        let reports: TallyReport[] = [];
        for (const batch of batches) {
          const next = [...reports];
          const put: TallyReport[] = [];
          for (const step of batch) {
            if (step.kind === 'report') {
              // Any hour: a report may arrive later than one it predates, and must go into the history before it.
              put.push(report({ party: step.party, category: step.category, figure: { min: step.min }, source: sources[step.min % 3], asOf: asOfAt(step.hour) }));
              next.push(put[put.length - 1]);
            } else if (next.length > 0) {
              const index = step.target % next.length;
              const before = next[index];
              next[index] =
                step.kind === 'retract'
                  ? { ...before, retracted: true }
                  : {
                      ...before, party: step.party ?? before.party, category: step.category ?? before.category, figure: { min: step.min },
                      asOf: step.hour === null ? before.asOf : asOfAt(step.hour), corrected: true,
                    };
              put.push(next[index]);
            }
          }
          const talliesBefore = computeTallies(reports);
          const { changed, removed } = kept.put(put);
          const talliesAfter = computeTallies(next);

          expect(kept.inOrder().map((group) => group.tally)).toEqual(talliesAfter);
          const label = ({ party, category }: { party: string; category: string }) => `${partyKey(party)}/${category}`;
          const differing = talliesAfter.filter((tally) => !talliesBefore.some((old) => JSON.stringify(old) === JSON.stringify(tally))).map(label);
          const gone = talliesBefore.filter((old) => !talliesAfter.some((tally) => label(tally) === label(old))).map(label);
          // Every tally that differs is among the changed (a changed one may come out equal), and removed is exactly what is gone.
          expect(changed.map((group) => label(group.tally))).toEqual(expect.arrayContaining(differing));
          expect(removed.map((group) => label(group.tally)).sort()).toEqual(gone.sort());
          reports = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('recomputes only the group a new report joins', () => {
    const kept = new StoryTallyGroups();
    kept.put([report({ party: 'soldiers', category: 'killed' }), report({ party: 'soldiers', category: 'wounded' }), report({ party: 'villagers' })]);

    const { changed, removed } = kept.put([report({ party: 'Soldiers ', category: 'wounded' })]);

    expect(changed.map(({ partyKey: party, category }) => `${party}/${category}`)).toEqual(['soldiers/wounded']);
    expect(removed).toEqual([]);
  });

  it('keeps a report once though a put names it twice, or names again the very report it keeps', () => {
    const kept = new StoryTallyGroups();
    const first = report({ party: 'soldiers', position: 1 });
    kept.put([first, first]);
    const second = report({ party: 'soldiers', position: 2 });
    kept.put([second, second]);
    const [{ tally }] = kept.put([first]).changed;

    expect(tally.history.map((entry) => entry.eventId)).toEqual([first.eventId, second.eventId]);
    expect(kept.reportCount).toBe(2);
  });

  it('recomputes every group of a party whose first-written report changed its spelling, though their reports did not change', () => {
    const first = report({ party: 'Soldiers', category: 'killed', position: 1 });
    const kept = new StoryTallyGroups();
    kept.put([first, report({ party: 'soldiers', category: 'wounded', position: 2 }), report({ party: 'villagers', position: 3 })]);

    const { changed } = kept.put([{ ...first, party: 'SOLDIERS', corrected: true }]);

    expect(changed.map(({ tally }) => `${tally.party}/${tally.category}`).sort()).toEqual(['SOLDIERS/killed', 'SOLDIERS/wounded']);
  });
});
