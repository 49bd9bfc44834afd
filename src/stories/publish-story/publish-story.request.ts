import type { PublishStory as PublishStoryInput } from '../story.commands';
import { definedFields, OptionalText } from '../write/request-fields';

/** `POST /stories/:id/publications`; the published version is the stream version of this event. */
export class PublishStoryRequest {
  @OptionalText({ max: 2_000, example: 'evening update' }) note?: string;
}

export function toPublishStoryInput(body: PublishStoryRequest): PublishStoryInput {
  return definedFields({ note: body.note });
}
