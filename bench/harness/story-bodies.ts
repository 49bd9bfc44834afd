/**
 * Request bodies of a fictional developing story (shelling of a river crossing; every name is
 * invented), varied by a counter so loads do not repeat one body.
 */

const PARTIES = ['soldiers at the Varda crossing', 'civilians in Ostrel district', 'militia fighters near Ostrel'];
const CATEGORIES = ['killed', 'wounded', 'missing', 'captured', 'displaced'] as const;
const SOURCES = [
  { name: 'Mara Velic', role: 'governor of Ostrel province', via: 'Coastline Agency', channel: 'televised briefing' },
  { name: 'Defence Ministry of Varda', organization: 'Ministry of Defence', channel: 'written statement' },
  { name: 'Ostrel Red Crescent', organization: 'Red Crescent', via: 'Northline Press', channel: 'phone call' },
];
const BASE_TIME = Date.parse('2026-03-14T18:00:00.000Z');

export function openStoryBody(label: string): Record<string, unknown> {
  return {
    slug: `varda-crossing-${label}`,
    headline: `Shelling hits Varda river crossing (${label})`,
    dek: 'Artillery fire struck the crossing shortly after dusk, officials say.',
    body: 'Artillery fire struck the Varda river crossing on Saturday evening. Officials gave early figures within the hour.',
    dateline: 'OSTREL',
    desk: 'world',
    bylines: ['Lena Morav'],
  };
}

export function casualtyReportBody(counter: number): Record<string, unknown> {
  const min = 3 + (counter % 40);
  return {
    party: PARTIES[counter % PARTIES.length],
    category: CATEGORIES[counter % CATEGORIES.length],
    figure: counter % 4 === 0 ? { min, wording: 'at least ' + min } : { min, max: min + (counter % 3) },
    status: counter % 5 === 0 ? 'claimed' : 'confirmed',
    source: SOURCES[counter % SOURCES.length],
    asOf: new Date(BASE_TIME + counter * 60_000).toISOString(),
    location: 'Varda crossing, Ostrel province',
  };
}

export function statementBody(counter: number): Record<string, unknown> {
  return {
    speaker: { name: 'Ivo Saric', role: 'defence minister', organization: 'Ministry of Defence' },
    text: `The crossing will be held; every position that fired on it has been answered (${counter}).`,
    mode: counter % 2 === 0 ? 'quote' : 'paraphrase',
    channel: 'written statement',
    via: 'Coastline Agency',
    madeAt: new Date(BASE_TIME + counter * 60_000).toISOString(),
  };
}

export function revisionBody(counter: number): Record<string, unknown> {
  return {
    body: `Artillery fire struck the Varda river crossing on Saturday evening. Update ${counter}: the toll rose as the night went on, officials said.`,
    note: `update ${counter}`,
  };
}
