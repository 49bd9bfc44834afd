import { given } from '../../test/support/story-specification';
import type { GivenEvent } from '../../test/support/story-specification';
import {
  EVENT_IDS,
  NOW,
  governorReport,
  ministerStatement,
  openEndedTollCorrection,
  otherStoryOpened,
  otherStoryReport,
  soldiersKilled,
  storyOpened,
  storyRevised,
} from '../../test/support/story-fixtures';
import { applyCorrection, currentDevelopment, issueCorrection, retractDevelopment } from './story';
import type { CorrectionIssued } from './story.events';

const correctionToOpenEnded: GivenEvent = {
  eventId: EVENT_IDS.correction,
  type: 'CorrectionIssued',
  data: {
    targetEventId: EVENT_IDS.soldiersKilled,
    targetType: 'CasualtiesReported',
    changes: { figure: { min: 19, wording: 'at least 19' } },
    before: { figure: { min: 19, max: 19 } },
    reason: openEndedTollCorrection.reason,
    notice: openEndedTollCorrection.notice,
  },
};

const retractionOfKilled: GivenEvent = {
  eventId: EVENT_IDS.retraction,
  type: 'DevelopmentRetracted',
  data: { targetEventId: EVENT_IDS.soldiersKilled, targetType: 'CasualtiesReported', reason: 'The governor withdrew the figure.' },
};

const correct = (changes: Record<string, unknown>, targetEventId: string = EVENT_IDS.soldiersKilled) => (state: Parameters<typeof issueCorrection>[0]) =>
  issueCorrection(state, { targetEventId, changes, reason: 'Checked against the briefing recording.' }, NOW);

describe('issuing a correction', () => {
  it('records the changes and the values they replace', () => {
    given(storyOpened, soldiersKilled)
      .when((state) => issueCorrection(state, openEndedTollCorrection, NOW))
      .then({ type: 'CorrectionIssued', data: correctionToOpenEnded.data as CorrectionIssued['data'] });
  });

  it('takes "before" from the corrected report when correcting it again', () => {
    given(storyOpened, soldiersKilled, correctionToOpenEnded)
      .when(correct({ figure: { min: 22, wording: 'at least 22' } }))
      .then({
        type: 'CorrectionIssued',
        data: {
          targetEventId: EVENT_IDS.soldiersKilled,
          targetType: 'CasualtiesReported',
          changes: { figure: { min: 22, wording: 'at least 22' } },
          before: { figure: { min: 19, wording: 'at least 19' } },
          reason: 'Checked against the briefing recording.',
        },
      });
  });

  it('keeps only the fields that really change; null removes an optional field and null in before means absent', () => {
    const { state } = given(storyOpened, soldiersKilled);
    const { data } = correct({ party: governorReport.party, location: null, note: 'Figure from the second briefing.' })(state);
    expect(data.changes).toStrictEqual({ location: null, note: 'Figure from the second briefing.' });
    expect(data.before).toStrictEqual({ location: governorReport.location, note: null });
  });

  it('corrects a statement that was misquoted', () => {
    given(storyOpened, ministerStatement)
      .when(correct({ text: 'Every position that fired on our soldiers has been hit.', via: null }, EVENT_IDS.ministerStatement))
      .then({
        type: 'CorrectionIssued',
        data: {
          targetEventId: EVENT_IDS.ministerStatement,
          targetType: 'StatementRecorded',
          changes: { text: 'Every position that fired on our soldiers has been hit.', via: null },
          before: { text: ministerStatement.data.text, via: 'Northline Press' },
          reason: 'Checked against the briefing recording.',
        },
      });
  });

  it('refuses a correction that changes nothing, comparing times in UTC and figures by value', () => {
    given(storyOpened, soldiersKilled)
      .when(correct({ asOf: '2025-11-06T22:40:00+03:00', figure: { max: 19, min: 19 } }))
      .thenFails('correction_changes_nothing', { targetEventId: EVENT_IDS.soldiersKilled });
  });

  it('refuses a correction whose result breaks the rules of a report', () => {
    given(storyOpened, soldiersKilled).when(correct({ figure: { min: 40, max: 30 } })).thenFails('figure_min_above_max', { field: 'changes.figure' });
    given(storyOpened, soldiersKilled).when(correct({ figure: { min: 19.5 } })).thenFails('figure_not_whole_number', { field: 'changes.figure.min' });
    given(storyOpened, soldiersKilled).when(correct({ asOf: '2025-11-06T21:06:00Z' })).thenFails('as_of_in_future', { field: 'changes.asOf' });
    given(storyOpened, soldiersKilled).when(correct({ asOf: 'yesterday evening' })).thenFails('invalid_timestamp', { field: 'changes.asOf' });
    given(storyOpened, soldiersKilled).when(correct({ category: 'injured' })).thenFails('invalid_field', { field: 'changes.category' });
    given(storyOpened, soldiersKilled).when(correct({ party: null })).thenFails('invalid_field', { field: 'changes.party' });
    given(storyOpened, soldiersKilled).when(correct({ source: { name: 'Selin Arslan', rank: 'governor' } })).thenFails('invalid_field', { field: 'changes.source.rank' });
  });

  it('refuses empty changes and names a field the target type does not have', () => {
    given(storyOpened, soldiersKilled).when(correct({})).thenFails('changes_empty');
    given(storyOpened, ministerStatement)
      .when(correct({ text: 'Corrected.', figure: { min: 1 } }, EVENT_IDS.ministerStatement))
      .thenFails('changes_unknown_field', { field: 'changes.figure', targetType: 'StatementRecorded' });
  });

  it('refuses an unknown target and a target in another story (422)', () => {
    given(storyOpened, soldiersKilled).when(correct({ note: 'n' }, '0d000000-0000-4000-8000-000000000000')).thenFails('target_not_found');
    const otherStory = given(otherStoryOpened, otherStoryReport).state;
    expect(currentDevelopment(otherStory, EVENT_IDS.otherStoryReport)).toBeDefined();
    given(storyOpened, soldiersKilled).when(correct({ note: 'n' }, EVENT_IDS.otherStoryReport)).thenFails('target_not_found', { targetEventId: EVENT_IDS.otherStoryReport });
  });

  it('refuses to correct the story opening, a revision or another correction', () => {
    given(storyOpened).when(correct({ headline: 'x' }, EVENT_IDS.opened)).thenFails('target_not_correctable', { targetType: 'StoryOpened' });
    given(storyOpened, storyRevised).when(correct({ headline: 'x' }, EVENT_IDS.revised)).thenFails('target_not_correctable', { targetType: 'StoryRevised' });
    given(storyOpened, soldiersKilled, correctionToOpenEnded)
      .when(correct({ reason: 'x' }, EVENT_IDS.correction))
      .thenFails('target_not_correctable', { targetType: 'CorrectionIssued' });
  });

  it('refuses to correct a retracted report', () => {
    given(storyOpened, soldiersKilled, retractionOfKilled).when(correct({ note: 'n' })).thenFails('target_retracted');
  });
});

describe('retracting a development', () => {
  const retract = (targetEventId: string) => (state: Parameters<typeof retractDevelopment>[0]) =>
    retractDevelopment(state, { targetEventId, reason: 'The governor withdrew the figure.', notice: 'A figure attributed to the governor was withdrawn.' }, NOW);

  it('retracts a casualty report, corrected or not, and a statement', () => {
    const expected = {
      targetEventId: EVENT_IDS.soldiersKilled,
      targetType: 'CasualtiesReported' as const,
      reason: 'The governor withdrew the figure.',
      notice: 'A figure attributed to the governor was withdrawn.',
    };
    given(storyOpened, soldiersKilled).when(retract(EVENT_IDS.soldiersKilled)).then({ type: 'DevelopmentRetracted', data: expected });
    given(storyOpened, soldiersKilled, correctionToOpenEnded).when(retract(EVENT_IDS.soldiersKilled)).then({ type: 'DevelopmentRetracted', data: expected });
    given(storyOpened, ministerStatement)
      .when(retract(EVENT_IDS.ministerStatement))
      .then({ type: 'DevelopmentRetracted', data: { ...expected, targetEventId: EVENT_IDS.ministerStatement, targetType: 'StatementRecorded' } });
  });

  it('refuses to retract twice', () => {
    given(storyOpened, soldiersKilled, retractionOfKilled).when(retract(EVENT_IDS.soldiersKilled)).thenFails('already_retracted');
  });

  it('refuses an unknown target and a target in another story', () => {
    given(storyOpened).when(retract(EVENT_IDS.soldiersKilled)).thenFails('target_not_found');
    given(storyOpened, soldiersKilled).when(retract(EVENT_IDS.otherStoryReport)).thenFails('target_not_found');
  });

  it('refuses to retract the opening, a revision or a correction', () => {
    given(storyOpened).when(retract(EVENT_IDS.opened)).thenFails('target_not_retractable', { targetType: 'StoryOpened' });
    given(storyOpened, storyRevised).when(retract(EVENT_IDS.revised)).thenFails('target_not_retractable', { targetType: 'StoryRevised' });
    given(storyOpened, soldiersKilled, correctionToOpenEnded).when(retract(EVENT_IDS.correction)).thenFails('target_not_retractable', { targetType: 'CorrectionIssued' });
  });
});

describe('corrections and retractions in the folded state', () => {
  it('applies each correction to its target, in order, and marks retractions', () => {
    const secondCorrection: GivenEvent = {
      eventId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      type: 'CorrectionIssued',
      data: { targetEventId: EVENT_IDS.soldiersKilled, targetType: 'CasualtiesReported', changes: { location: null }, before: { location: governorReport.location }, reason: 'r' },
    };
    const { state } = given(storyOpened, soldiersKilled, correctionToOpenEnded, secondCorrection, { ...retractionOfKilled, eventId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb' });
    const { location: _removed, ...withoutLocation } = governorReport;
    expect(currentDevelopment(state, EVENT_IDS.soldiersKilled)).toEqual({
      eventId: EVENT_IDS.soldiersKilled,
      type: 'CasualtiesReported',
      version: 2,
      data: { ...withoutLocation, figure: { min: 19, wording: 'at least 19' } },
      correctionIds: [EVENT_IDS.correction, secondCorrection.eventId],
      retracted: true,
    });
  });
});

describe('applyCorrection', () => {
  it('replaces nested objects whole, removes fields set to null and leaves the input untouched', () => {
    const data = { ...governorReport };
    const merged = applyCorrection(data, { figure: { min: 19 }, source: { name: 'Karaca governorate' }, location: null });
    const { location: _removed, ...withoutLocation } = governorReport;
    expect(merged).toStrictEqual({ ...withoutLocation, figure: { min: 19 }, source: { name: 'Karaca governorate' } });
    expect(data).toStrictEqual(governorReport);
  });
});
