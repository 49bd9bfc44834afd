import type { INestApplication } from '@nestjs/common';
import { EventStore } from '../../../src/event-store/event-store';
import { ProjectionRunner } from '../../../src/projections/projection-runner';
import { STORY_VERSIONS_PROJECTION } from '../../../src/stories/projections/versions/story-versions.projection';
import { storyStreamId } from '../../../src/stories/story.events';
import { asNewEvents, TimelineEvent } from './harmanli-story';

/**
 * Appends the events one write at a time, as reporters would, then waits (bounded, asserting no
 * timing) until story_versions has applied them: earlier suites may have left it thousands of
 * events to step over. Answers the last event's position.
 */
export async function appendStory(app: INestApplication, storyId: string, events: readonly TimelineEvent[]): Promise<number> {
  const store = app.get(EventStore);
  let position = 0;
  for (const [index, event] of asNewEvents(events).entries()) {
    const result = await store.appendToStream(storyStreamId(storyId), [event], { expectedVersion: index === 0 ? 'no_stream' : index });
    position = result.positions[0];
  }
  const runner = app.get(ProjectionRunner);
  const deadline = Date.now() + 50_000;
  while ((await runner.currentPosition(STORY_VERSIONS_PROJECTION)) < position) {
    if (Date.now() > deadline) throw new Error(`story_versions did not reach position ${position} within 50 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return position;
}
