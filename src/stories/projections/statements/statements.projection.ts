import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../../../event-store/event-store.types';
import type { Projection, ProjectionTransaction } from '../../../projections/projection';
import { applyCorrection } from '../../story';
import type { StatementRecordedData } from '../../story.events';
import { OpenedStories } from '../opened-stories';
import { StoryStreamEvent, asStoryStreamEvent } from '../story-stream-event';
import { speakerKey } from './speaker-key';

/**
 * Every statement of every story as it stands now (corrections applied, retraction marked), with
 * the speaker's name and organization keyed for lookups across stories.
 */
/** The stories this projection has seen opened: its reads answer 404 for any other. */
export const statementStories = new OpenedStories('statement_stories');

@Injectable()
export class StatementsProjection implements Projection {
  static readonly NAME = 'statements';
  readonly name = StatementsProjection.NAME;
  readonly handles = ['StoryOpened', 'StatementRecorded', 'CorrectionIssued', 'DevelopmentRetracted'];
  readonly tables = ['statement_stories', 'statements'];

  async apply(events: StoredEvent[], tx: ProjectionTransaction): Promise<void> {
    for (const stored of events) {
      const event = asStoryStreamEvent(stored);
      if (event === null) continue;
      if (event.type === 'StoryOpened') await statementStories.open(tx, event.storyId);
      else if (await statementStories.isOpen(tx, event.storyId)) await this.applyToStatements(event, tx);
    }
  }

  private async applyToStatements(event: StoryStreamEvent, tx: ProjectionTransaction): Promise<void> {
    switch (event.type) {
      case 'StatementRecorded':
        await tx.query(
          `INSERT INTO statements (event_id, story_id, position, recorded_at, data, speaker_key, organization_key)
           VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
          [event.eventId, event.storyId, event.position, event.recordedAt, ...statementColumns(event.data)],
        );
        return;
      case 'CorrectionIssued': {
        if (event.data.targetType !== 'StatementRecorded') return;
        const corrected = applyCorrection(await targetData(tx, event.storyId, event.data.targetEventId, event.eventId), event.data.changes);
        await tx.query(
          `UPDATE statements SET data = $2::jsonb, speaker_key = $3, organization_key = $4, corrected = true WHERE event_id = $1`,
          [event.data.targetEventId, ...statementColumns(corrected)],
        );
        return;
      }
      case 'DevelopmentRetracted':
        if (event.data.targetType !== 'StatementRecorded') return;
        await targetData(tx, event.storyId, event.data.targetEventId, event.eventId);
        await tx.query(`UPDATE statements SET retracted = true WHERE event_id = $1`, [event.data.targetEventId]);
        return;
      default:
        return;
    }
  }
}

/** `data`, `speaker_key`, `organization_key`. */
function statementColumns(data: StatementRecordedData): [string, string, string | null] {
  const { name, organization } = data.speaker;
  return [JSON.stringify(data), speakerKey(name), organization === undefined ? null : speakerKey(organization)];
}

/** The target's current data; a target missing from its story means the log contradicts the rules: stop here, loudly. */
async function targetData(tx: ProjectionTransaction, storyId: string, targetEventId: string, eventId: string): Promise<StatementRecordedData> {
  const [row] = await tx.query<{ data: StatementRecordedData }>(`SELECT data FROM statements WHERE event_id = $1 AND story_id = $2`, [
    targetEventId,
    storyId,
  ]);
  if (!row) throw new Error(`Event ${eventId} targets statement ${targetEventId}, which story ${storyId} does not have`);
  return row.data;
}
