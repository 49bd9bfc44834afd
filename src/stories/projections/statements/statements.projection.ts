import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import type { StatementRecordedData } from '../../story.events';
import { CorrectableDevelopments } from '../correctable-developments';
import { DerivedColumns, saveDevelopments } from '../development-rows';
import { OpenedStories } from '../opened-stories';
import { speakerKey } from './speaker-key';

/** The stories this projection has seen opened: its reads answer 404 for any other. */
export const statementStories = new OpenedStories('statement_stories');

/** The speaker's name and organization, keyed for lookups across stories. */
const SPEAKER_KEYS: DerivedColumns<StatementRecordedData> = {
  columns: { speaker_key: 'text', organization_key: 'text' },
  of: ({ speaker: { name, organization } }) => ({
    speaker_key: speakerKey(name),
    organization_key: organization === undefined ? null : speakerKey(organization),
  }),
};

/**
 * Every statement of every story as it stands now (corrections applied, retraction marked), with
 * the speaker's name and organization keyed for lookups across stories. A batch is folded in
 * memory, in order, and written with a handful of statements whatever its size.
 */
@Injectable()
export class StatementsProjection implements Projection {
  static readonly NAME = 'statements';
  readonly name = StatementsProjection.NAME;
  readonly handles = ['StoryOpened', 'StatementRecorded', 'CorrectionIssued', 'DevelopmentRetracted'];
  readonly tables = ['statement_stories', 'statements'];

  async apply(stored: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    const events = await statementStories.eventsOfOpenedStories(tx, stored);
    const statements = await CorrectableDevelopments.read<StatementRecordedData>(tx, 'statements', ['StatementRecorded'], events);
    await saveDevelopments(tx, 'statements', statements.fold(events), SPEAKER_KEYS);
  }
}
