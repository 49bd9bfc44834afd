import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { ReportCasualties } from '../../src/stories/story.commands';
import type { CasualtyTally } from '../../src/stories/tallies/compute-tallies';
import { useReadsApp } from './support/reads-app';
import { StoryWriter } from './support/story-writer';

// Invented people and places: a shelled border post, figures rising through one evening.
const governor = { name: 'Selin Arslan', role: 'governor of Karaca province', channel: 'televised briefing' };
const ministry = { name: 'Colonel Deniz Aydin', role: 'spokesman', organization: 'Ministry of Defence', via: 'Northline Press' };
const monitor = { name: 'Border Watch', organization: 'Border Watch monitoring group', channel: 'written statement' };
const hospital = { name: 'Dr. Leyla Sahin', role: 'chief physician', organization: 'Karaca State Hospital', channel: 'phone call' };

function killed(overrides: Partial<ReportCasualties>): ReportCasualties {
  return {
    party: 'border guard soldiers',
    category: 'killed',
    figure: { min: 19, max: 19 },
    status: 'confirmed',
    source: governor,
    asOf: '2025-11-06T19:40:00.000Z',
    ...overrides,
  };
}

describe('GET /stories/:id/casualties', () => {
  const suite = useReadsApp();
  const { read } = suite;

  async function tallies(story: StoryWriter, position: number): Promise<CasualtyTally[]> {
    const response = await read(`/stories/${story.storyId}/casualties?minPosition=${position}`).expect(200);
    expect(response.body.storyId).toBe(story.storyId);
    // Sent from stored JSON text: still exactly what serialising the answer gives, as JSON.
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.text).toBe(JSON.stringify({ storyId: story.storyId, tallies: response.body.tallies }));
    expect(Number(response.headers['x-projection-position'])).toBeGreaterThanOrEqual(position);
    return response.body.tallies;
  }

  it('reads a rising toll as a timeline, files a late report with an older asOf into history, and groups party spellings', async () => {
    const story = new StoryWriter(suite.store);
    await story.open();
    const nine = await story.report(killed({ party: ' Border  Guard soldiers', figure: { min: 9, max: 9 }, asOf: '2025-11-06T18:30:00.000Z' }));
    const twentyTwo = await story.report(killed({ party: 'border guard soldiers', figure: { min: 22, max: 22 }, asOf: '2025-11-06T19:10:00.000Z' }));
    const thirtyThree = await story.report(killed({ party: 'BORDER GUARD SOLDIERS', figure: { min: 33, max: 33 }, asOf: '2025-11-06T20:05:00.000Z' }));
    const late = await story.report(killed({ figure: { min: 20, wording: 'at least 20' }, asOf: '2025-11-06T19:00:00.000Z' }));
    const dozens = await story.report(killed({ category: 'wounded', figure: { min: 24, wording: 'dozens' }, asOf: '2025-11-06T19:45:00.000Z' }));

    const [killedTally, woundedTally, ...none] = await tallies(story, dozens.position);

    expect(none).toEqual([]);
    expect(killedTally).toMatchObject({
      party: 'Border Guard soldiers',
      category: 'killed',
      current: { figure: { min: 33, max: 33 }, status: 'confirmed', source: governor, asOf: '2025-11-06T20:05:00.000Z', eventId: thirtyThree.eventId },
      range: { min: 33, max: 33 },
      disputed: false,
      sources: [{ source: governor, figure: { min: 33, max: 33 }, status: 'confirmed', asOf: '2025-11-06T20:05:00.000Z', eventId: thirtyThree.eventId }],
    });
    expect(killedTally.history.map((entry) => [entry.eventId, entry.figure])).toEqual([
      [nine.eventId, { min: 9, max: 9 }],
      [late.eventId, { min: 20, wording: 'at least 20' }],
      [twentyTwo.eventId, { min: 22, max: 22 }],
      [thirtyThree.eventId, { min: 33, max: 33 }],
    ]);
    expect(killedTally.history[0]).toEqual({
      eventId: nine.eventId,
      figure: { min: 9, max: 9 },
      status: 'confirmed',
      source: governor,
      asOf: '2025-11-06T18:30:00.000Z',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      corrected: false,
      retracted: false,
    });
    expect(woundedTally).toMatchObject({
      party: 'Border Guard soldiers',
      category: 'wounded',
      current: { figure: { min: 24, wording: 'dozens' }, eventId: dozens.eventId },
      range: { min: 24, max: null },
      disputed: false,
    });
  });

  it('marks two sources whose figures cannot both be true as disputed, and open-ended figures that can as not', async () => {
    const story = new StoryWriter(suite.store);
    await story.open();
    await story.report(killed({ party: 'militia fighters', status: 'claimed', source: ministry, figure: { min: 301, wording: 'more than 300' }, asOf: '2025-11-06T20:00:00.000Z' }));
    await story.report(killed({ party: 'militia fighters', source: monitor, figure: { min: 80, max: 120 }, asOf: '2025-11-06T20:10:00.000Z' }));
    await story.report(killed({ party: 'villagers', category: 'wounded', figure: { min: 24, wording: 'dozens' }, asOf: '2025-11-06T19:00:00.000Z' }));
    const last = await story.report(killed({ party: 'villagers', category: 'wounded', source: hospital, figure: { min: 30, max: 30 }, asOf: '2025-11-06T19:30:00.000Z' }));

    const [fighters, villagers] = await tallies(story, last.position);

    expect(fighters).toMatchObject({ party: 'militia fighters', disputed: true, range: { min: 80, max: null } });
    expect(fighters.current).toMatchObject({ status: 'confirmed', source: monitor, figure: { min: 80, max: 120 } });
    expect(fighters.sources.map((entry) => [entry.source.name, entry.status])).toEqual([
      ['Colonel Deniz Aydin', 'claimed'],
      ['Border Watch', 'confirmed'],
    ]);
    expect(villagers).toMatchObject({ party: 'villagers', category: 'wounded', disputed: false, range: { min: 24, max: null } });
    expect(villagers.sources).toHaveLength(2);
  });

  it('applies corrections to the report they target and leaves retracted reports out of current, sources and range', async () => {
    const story = new StoryWriter(suite.store);
    await story.open();
    const governorToll = await story.report(killed({ figure: { min: 19, max: 19 }, asOf: '2025-11-06T19:40:00.000Z' }));
    const ministryToll = await story.report(killed({ source: ministry, figure: { min: 12, max: 12 }, asOf: '2025-11-06T20:00:00.000Z' }));
    const before = await tallies(story, ministryToll.position);
    expect(before[0]).toMatchObject({ disputed: true, current: { eventId: ministryToll.eventId } });

    await story.correct({ targetEventId: governorToll.eventId, changes: { figure: { min: 19, wording: 'at least 19' } }, reason: 'The governor gave a floor, not a final count.' });
    const retraction = await story.retract({ targetEventId: ministryToll.eventId, reason: 'The ministry withdrew its figure.' });

    const [tally] = await tallies(story, retraction.position);
    expect(tally).toMatchObject({
      current: { eventId: governorToll.eventId, figure: { min: 19, wording: 'at least 19' } },
      range: { min: 19, max: null },
      disputed: false,
      sources: [{ eventId: governorToll.eventId, figure: { min: 19, wording: 'at least 19' } }],
    });
    expect(tally.history.map(({ eventId, corrected, retracted }) => ({ eventId, corrected, retracted }))).toEqual([
      { eventId: governorToll.eventId, corrected: true, retracted: false },
      { eventId: ministryToll.eventId, corrected: false, retracted: true },
    ]);
  });

  it('moves a report whose party a correction changed, and keeps a tally whose only report was retracted', async () => {
    const story = new StoryWriter(suite.store);
    await story.open();
    const misfiled = await story.report(killed({ party: 'border guard soldiers', figure: { min: 3, max: 3 } }));
    const captured = await story.report(killed({ category: 'captured', figure: { min: 2, max: 2 } }));
    await story.correct({ targetEventId: misfiled.eventId, changes: { party: 'police officers' }, reason: 'The three were police officers.' });
    const retraction = await story.retract({ targetEventId: captured.eventId, reason: 'Not confirmed by anyone.' });

    const result = await tallies(story, retraction.position);

    expect(result.map(({ party, category, current }) => [party, category, current?.eventId ?? null])).toEqual([
      ['border guard soldiers', 'captured', null],
      ['police officers', 'killed', misfiled.eventId],
    ]);
    expect(result[0]).toMatchObject({ range: null, disputed: false, sources: [], history: [{ eventId: captured.eventId, retracted: true }] });
  });

  it('answers an opened story without reports with no tallies, an unknown story with 404 and a malformed id or parameter with 400', async () => {
    const story = new StoryWriter(suite.store);
    const opened = await story.open();
    await story.recordStatement({ speaker: { name: 'Selin Arslan' }, text: 'Rescue teams are on site.', mode: 'quote' });

    expect(await tallies(story, opened.position)).toEqual([]);
    await request(suite.app.getHttpServer()).get(`/stories/${story.storyId}/casualties`).expect(401);
    expect((await read(`/stories/${randomUUID()}/casualties`).expect(404)).body.code).toBe('story_not_found');
    await read('/stories/not-a-uuid/casualties').expect(400);
    await read(`/stories/${story.storyId}/casualties?party=soldiers`).expect(400);
    await read(`/stories/${story.storyId}/casualties?minPosition=soon`).expect(400);
  });

  it('sends a kept answer again while the projection stands still, and the new figure as soon as it has moved', async () => {
    const story = new StoryWriter(suite.store);
    // Never keeps a "not found": the story opened a moment later is there.
    await read(`/stories/${story.storyId}/casualties`).expect(404);
    await story.open();
    const four = await story.report(killed({ figure: { min: 4, max: 4 } }));
    const first = await tallies(story, four.position);
    const dataSource = suite.app.get(DataSource);
    const queries = jest.spyOn(dataSource, 'query');
    const groupReads = () => queries.mock.calls.filter(([sql]) => String(sql).includes('casualty_tally_groups')).length;
    try {
      // Nothing was appended since: the projection stands where the first answer was made.
      const again = await read(`/stories/${story.storyId}/casualties`).expect(200);
      expect(again.body.tallies).toEqual(first);
      expect(groupReads()).toBe(0);

      const seven = await story.report(killed({ figure: { min: 7, max: 7 }, asOf: '2025-11-06T21:00:00.000Z' }));
      const [moved] = await tallies(story, seven.position);
      expect(moved.current).toMatchObject({ eventId: seven.eventId, figure: { min: 7, max: 7 } });
      expect(groupReads()).toBeGreaterThan(0);
    } finally {
      queries.mockRestore();
    }
  });

  it('stores the tally texts compressed with lz4 where the server has it, with the default compression where it has not', async () => {
    const dataSource = suite.app.get(DataSource);
    const [{ lz4 }]: { lz4: boolean }[] = await dataSource.query(
      `SELECT EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) AS lz4`,
    );
    const [{ compression }]: { compression: string }[] = await dataSource.query(
      `SELECT attcompression AS compression FROM pg_attribute WHERE attrelid = 'casualty_tally_groups'::regclass AND attname = 'tally'`,
    );
    expect(compression).toBe(lz4 ? 'l' : '');
  });
});
