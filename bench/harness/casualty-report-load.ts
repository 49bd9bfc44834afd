import { BenchContext } from './bench-context';
import { LoadOptions } from './load-run';
import { casualtyReportBody, openStoryBody } from './story-bodies';

const CONNECTIONS = 16;
/** The stories the load spreads its reports over, evenly. */
export const LOAD_STORIES = 100;

/**
 * Scenario 2's write load, which scenario 4 also runs under: `POST /stories/:id/casualty-reports`
 * over HTTP, 16 connections spread over 100 stories opened here through the API. Returns the
 * options of one run (each run goes on numbering reports where the last stopped).
 */
export async function prepareCasualtyReportLoad(context: BenchContext, label: string): Promise<(onResponse?: LoadOptions['onResponse']) => LoadOptions> {
  const storyIds: string[] = [];
  for (let index = 0; index < LOAD_STORIES; index++) {
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
      return { path: `/stories/${storyIds[counter % LOAD_STORIES]}/casualty-reports`, body: JSON.stringify(casualtyReportBody(counter)) };
    },
    onResponse,
  });
}
