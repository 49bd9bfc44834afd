import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '../../../src/event-store/event-store.types';
import { EventStore } from '../../../src/event-store/event-store';
import {
  StoryState,
  evolve,
  initialStoryState,
  issueCorrection,
  openStory,
  publishStory,
  recordStatement,
  reportCasualties,
  retractDevelopment,
  reviseStory,
} from '../../../src/stories/story';
import type { IssueCorrection, OpenStory, PublishStory, RecordStatement, ReportCasualties, RetractDevelopment, ReviseStory } from '../../../src/stories/story.commands';
import { RecordedStoryEvent, STORY_EVENT_SCHEMA_VERSIONS, StoryEventData, storyStreamId } from '../../../src/stories/story.events';
import { testMetadata } from '../../support/event-factory';

/** What an append answered: enough to wait for it (`position`) and to target it later (`eventId`). */
export interface Appended {
  eventId: string;
  position: number;
  version: number;
}

const REPORTER = { actorId: 'ayse', actorRole: 'reporter' };
const EDITOR = { actorId: 'jon', actorRole: 'editor' };

/**
 * Writes one story the way the command handlers will: folds its own events, lets the domain's
 * decide functions produce each event (so data, `before` of corrections and published versions
 * are exactly what the service stores), and appends it with the expected version.
 */
export class StoryWriter {
  readonly storyId = randomUUID();
  private state: StoryState = initialStoryState();

  constructor(private readonly store: EventStore) {}

  open(command: Partial<OpenStory> = {}): Promise<Appended> {
    const slug = `story-${this.storyId.slice(0, 8)}`;
    return this.append(openStory(this.state, { storyId: this.storyId, slug, headline: 'Border post shelled', ...command }, new Date()), REPORTER);
  }

  report(command: ReportCasualties): Promise<Appended> {
    return this.append(reportCasualties(this.state, command, new Date()), REPORTER);
  }

  recordStatement(command: RecordStatement): Promise<Appended> {
    return this.append(recordStatement(this.state, command, new Date()), REPORTER);
  }

  revise(command: ReviseStory): Promise<Appended> {
    return this.append(reviseStory(this.state, command, new Date()), REPORTER);
  }

  correct(command: IssueCorrection): Promise<Appended> {
    return this.append(issueCorrection(this.state, command, new Date()), EDITOR);
  }

  retract(command: RetractDevelopment): Promise<Appended> {
    return this.append(retractDevelopment(this.state, command, new Date()), EDITOR);
  }

  publish(command: PublishStory = {}): Promise<Appended> {
    return this.append(publishStory(this.state, command, new Date()), EDITOR);
  }

  /** The story as folded so far. */
  get current(): StoryState {
    return this.state;
  }

  private async append(decided: StoryEventData, actor: Pick<EventMetadata, 'actorId' | 'actorRole'>): Promise<Appended> {
    const eventId = randomUUID();
    const event = { eventId, type: decided.type, schemaVersion: STORY_EVENT_SCHEMA_VERSIONS[decided.type], data: decided.data, metadata: testMetadata(actor) };
    const { positions, nextExpectedVersion } = await this.store.appendToStream(storyStreamId(this.storyId), [event], {
      expectedVersion: this.state.version === 0 ? 'no_stream' : this.state.version,
    });
    this.state = evolve(this.state, { ...decided, eventId, version: nextExpectedVersion } as RecordedStoryEvent);
    return { eventId, position: positions[0], version: nextExpectedVersion };
  }
}
