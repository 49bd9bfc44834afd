import type { StoryEventData } from '../../src/stories/story.events';
import type { IssueCorrection, RecordStatement, ReportCasualties } from '../../src/stories/story.commands';

/**
 * A fictional breaking story for specs: shelling of a border garrison, figures given by a provincial
 * governor and a defence ministry, relayed by agencies, rising through the evening. Every name is
 * invented.
 */

/** The desk's clock in the specs: 21:00 UTC on the night of the shelling. */
export const NOW = new Date('2025-11-06T21:00:00.000Z');

export const STORY_ID = '0b9f4c2e-51a8-4f4e-9d1c-6f3a2b7c8d10';
export const OTHER_STORY_ID = '5d2e7a10-3c4b-4e8f-a1b2-c3d4e5f60718';

export const EVENT_IDS = {
  opened: '11111111-1111-4111-8111-111111111111',
  soldiersKilled: '22222222-2222-4222-8222-222222222222',
  soldiersWounded: '33333333-3333-4333-8333-333333333333',
  ministerStatement: '44444444-4444-4444-8444-444444444444',
  revised: '55555555-5555-4555-8555-555555555555',
  published: '66666666-6666-4666-8666-666666666666',
  correction: '77777777-7777-4777-8777-777777777777',
  retraction: '88888888-8888-4888-8888-888888888888',
  otherStoryReport: '99999999-9999-4999-8999-999999999999',
} as const;

type Identified<Event extends StoryEventData> = Event & { eventId: string };

export const storyOpened: Identified<Extract<StoryEventData, { type: 'StoryOpened' }>> = {
  eventId: EVENT_IDS.opened,
  type: 'StoryOpened',
  data: {
    storyId: STORY_ID,
    slug: 'karaca-border-garrison-shelled',
    headline: 'Border garrison in Karaca shelled overnight, governor says',
    dek: 'Artillery fire hit the Tepecik post shortly after dusk.',
    dateline: 'KARACA',
    desk: 'world',
    bylines: ['Ayse Demir'],
  },
};

export const governorReport: ReportCasualties = {
  party: 'soldiers at the Tepecik garrison',
  category: 'killed',
  figure: { min: 19, max: 19 },
  status: 'confirmed',
  source: { name: 'Selin Arslan', role: 'governor of Karaca province', via: 'Meridian News Agency', channel: 'televised briefing' },
  asOf: '2025-11-06T19:40:00.000Z',
  location: 'Tepecik, Karaca province',
};

export const soldiersKilled: Identified<Extract<StoryEventData, { type: 'CasualtiesReported' }>> = {
  eventId: EVENT_IDS.soldiersKilled,
  type: 'CasualtiesReported',
  data: governorReport,
};

export const soldiersWounded: Identified<Extract<StoryEventData, { type: 'CasualtiesReported' }>> = {
  eventId: EVENT_IDS.soldiersWounded,
  type: 'CasualtiesReported',
  data: { ...governorReport, category: 'wounded', figure: { min: 24, wording: 'dozens' }, asOf: '2025-11-06T19:45:00.000Z' },
};

export const ministerQuote: RecordStatement = {
  speaker: { name: 'Emre Kaya', role: 'defence minister', organization: 'Ministry of Defence' },
  text: 'Every position that fired on our soldiers has been answered.',
  mode: 'quote',
  channel: 'written statement',
  via: 'Northline Press',
  madeAt: '2025-11-06T20:15:00.000Z',
};

export const ministerStatement: Identified<Extract<StoryEventData, { type: 'StatementRecorded' }>> = {
  eventId: EVENT_IDS.ministerStatement,
  type: 'StatementRecorded',
  data: ministerQuote,
};

export const storyRevised: Identified<Extract<StoryEventData, { type: 'StoryRevised' }>> = {
  eventId: EVENT_IDS.revised,
  type: 'StoryRevised',
  data: { headline: '19 soldiers killed as Karaca border garrison is shelled', note: 'toll from the governor' },
};

/** A report about the same night in another story, to prove targets never cross stories. */
export const otherStoryOpened: Identified<Extract<StoryEventData, { type: 'StoryOpened' }>> = {
  eventId: '12121212-1212-4121-8121-121212121212',
  type: 'StoryOpened',
  data: { storyId: OTHER_STORY_ID, slug: 'karaca-evacuations', headline: 'Villages near Karaca border evacuated', bylines: [] },
};

export const otherStoryReport: Identified<Extract<StoryEventData, { type: 'CasualtiesReported' }>> = {
  eventId: EVENT_IDS.otherStoryReport,
  type: 'CasualtiesReported',
  data: { ...governorReport, party: 'villagers near the border', category: 'displaced', figure: { min: 1200, wording: 'about 1,200' } },
};

/** The governor gave 19 as a floor, not a final count: the desk entered it as exact. */
export const openEndedTollCorrection: IssueCorrection = {
  targetEventId: EVENT_IDS.soldiersKilled,
  changes: { figure: { min: 19, wording: 'at least 19' } },
  reason: 'The governor said at least 19 soldiers were killed; the toll was not final.',
  notice: 'An earlier version said exactly 19 soldiers were killed.',
};
