import { BenchContext } from './bench-context';
import { LoadOptions } from './load-run';
import { casualtyReportBody, openStoryBody } from './story-bodies';

const CONNECTIONS = 16;
const STORIES = 100;

/**
 * Scenario 2's write load, which scenario 4 also runs under: `POST /stories/:id/casualty-reports`
 * over HTTP, 16 connections spread over 100 stories opened here through the API. Returns the
 * options of one run (each run goes on numbering reports where the last stopped).
 */
export async function prepareCasualtyReportLoad(context: BenchContext, label: string): Promise<(onResponse?: LoadOptions['onResponse']) => LoadOptions> {
  const storyIds: string[] = [];
  for (let index = 0; index < STORIES; index++) {
    storyIds.push((await context.reporter.create('/stories', openStoryBody(`${label}-${index}-${Date.now()}`))).storyId);
  }
  let counter = 0;
  return (onResponse) => ({
    url: context.service.url,
    connections: CONNECTIONS,
    durationSeconds: context.sizes.loadSeconds,
    method: 'POST',
    headers: { authorization: `Bearer ${context.keys.reporter}`, 'content-type': 'application/json' },
    nextRequest: () => {
      counter++;
      return { path: `/stories/${storyIds[counter % STORIES]}/casualty-reports`, body: JSON.stringify(casualtyReportBody(counter)) };
    },
    onResponse,
  });
}
