/**
 * The demo's breaking story, as the desk would send it through the write routes of API.md: an air
 * strike on an army convoy, the toll rising through the evening, the other side's claim and
 * denial relayed by wire agencies, a correction and two publications. Everything in it is
 * invented: people, places, agencies and quotes.
 */

/** One write: what the demo says, the route under /stories, the body. `name` keeps the event id for later steps. */
export interface DemoStep {
  say: string;
  path: (storyId: string) => string;
  body: (eventIds: ReadonlyMap<string, string>) => object;
  name?: string;
}

const governor = { name: 'Teodor Lisk', role: 'governor of Kesta province', via: 'Continental Press Agency', channel: 'televised briefing' };
const healthDirectorate = { name: 'Kesta provincial health directorate', organization: 'Ministry of Health', via: 'Continental Press Agency' };
const ministry = { name: 'Ministry of Defence', organization: 'Arvenian Ministry of Defence', via: 'Northgate Wire', channel: 'written statement' };

/** Times of the evening, counted back from now so every `asOf` lies in the past. */
function evening(minutesAgo: number): string {
  return new Date(Date.now() - minutesAgo * 60_000).toISOString();
}

const paragraphs = {
  opening: 'An air strike hit an army convoy on the road outside Velnar late on Thursday, the governor of Kesta province said.',
  rescue: 'Rescue teams reached the convoy within the hour, he said in a televised briefing.',
  rising: 'At least 33 soldiers were killed and dozens more wounded, the governor said, revising the toll upward through the evening.',
  claim: 'The defence ministry said more than 300 fighters of the Doran militia were killed in return strikes. A militia spokesman denied any losses. Neither claim could be independently confirmed.',
};

export function demoStory(slugSuffix: string): DemoStep[] {
  return [
    {
      say: 'A reporter opens the story',
      path: () => '/stories',
      body: () => ({
        slug: `velnar-convoy-strike-${slugSuffix}`,
        headline: 'Air strike hits army convoy near Velnar',
        dek: 'Soldiers were killed, the provincial governor says; the toll is expected to rise.',
        body: [paragraphs.opening, paragraphs.rescue].join('\n\n'),
        dateline: 'VELNAR',
        desk: 'world',
        bylines: ['Mira Castell', 'Jonas Petrov'],
      }),
    },
    report('The governor gives a first toll: 9 killed', 'first-toll', { party: 'Arvenian soldiers', category: 'killed', figure: { min: 9, max: 9 }, status: 'confirmed', source: governor, asOf: evening(170) }),
    report('...and dozens wounded', 'wounded', { party: 'Arvenian soldiers', category: 'wounded', figure: { min: 24, wording: 'dozens' }, status: 'confirmed', source: governor, asOf: evening(165) }),
    statement('The governor speaks to an agency by phone', {
      speaker: { name: 'Teodor Lisk', role: 'governor of Kesta province' },
      text: 'Our soldiers were struck on the open road. Rescue teams are still at the scene.',
      mode: 'quote', channel: 'phone call', via: 'Continental Press Agency', madeAt: evening(160),
    }),
    revision('The desk rewrites the headline with the toll', {
      headline: '9 soldiers killed in air strike on army convoy near Velnar',
      note: 'first toll',
    }),
    publication('An editor publishes the first version', 'first publication'),
    report('The toll rises: 22 killed', 'second-toll', { party: 'Arvenian soldiers', category: 'killed', figure: { min: 22, max: 22 }, status: 'confirmed', source: governor, asOf: evening(120) }),
    report('...and again: at least 33', 'third-toll', { party: 'Arvenian soldiers', category: 'killed', figure: { min: 33 }, status: 'confirmed', source: { ...governor, channel: 'post on X' }, asOf: evening(75) }),
    report('The defence ministry claims the other side lost more than 300', 'claim', {
      party: 'Doran militia fighters', category: 'killed', figure: { min: 301, wording: 'more than 300' }, status: 'claimed', source: ministry, asOf: evening(60),
    }),
    statement('The defence minister, relayed by a wire agency', {
      speaker: { name: 'Ilse Varga', role: 'defence minister', organization: 'Arvenian Ministry of Defence' },
      text: 'The minister said every position that fired on the convoy had been struck in return.',
      mode: 'paraphrase', channel: 'written statement', via: 'Northgate Wire', madeAt: evening(55),
    }),
    statement('The militia denies it', {
      speaker: { name: 'Rustam Vey', role: 'spokesman', organization: 'Doran militia' },
      text: 'We lost no one. These numbers are invented.',
      mode: 'quote', channel: 'video message', via: 'Eastline News', madeAt: evening(40),
    }),
    {
      say: 'An editor corrects who gave the number of wounded',
      path: (storyId) => `/stories/${storyId}/corrections`,
      body: (eventIds) => ({
        targetEventId: eventIds.get('wounded'),
        changes: { source: healthDirectorate },
        reason: 'The figure for the wounded came from the provincial health directorate, not the governor.',
        notice: 'An earlier version attributed the number of wounded to the governor of Kesta province; it was given by the provincial health directorate.',
      }),
    },
    revision('The desk rewrites the story with the new toll and the claims', {
      headline: 'At least 33 soldiers killed in air strike on army convoy near Velnar',
      dek: 'The toll rose through the evening; the defence ministry claims heavy militia losses, which the militia denies.',
      body: [paragraphs.opening, paragraphs.rising, paragraphs.rescue, paragraphs.claim].join('\n\n'),
      note: 'toll and reactions',
    }),
    publication('An editor publishes the second version', 'toll and reactions'),
  ];
}

function report(say: string, name: string, body: object): DemoStep {
  return { say, name, path: (storyId) => `/stories/${storyId}/casualty-reports`, body: () => body };
}

function statement(say: string, body: object): DemoStep {
  return { say, path: (storyId) => `/stories/${storyId}/statements`, body: () => body };
}

function revision(say: string, body: object): DemoStep {
  return { say, path: (storyId) => `/stories/${storyId}/revisions`, body: () => body };
}

function publication(say: string, note: string): DemoStep {
  return { say, path: (storyId) => `/stories/${storyId}/publications`, body: () => ({ note }) };
}
