import { CASUALTY_CATEGORIES } from '../story.events';
import type { CasualtyCategory, CasualtyStatus, Figure, Source } from '../story.events';

/**
 * Casualty tallies of one story, computed from its casualty reports as they stand now. Pure: no
 * Nest, no SQL. The casualty-tallies projection and the story versions both call it, so a tally
 * reads the same wherever it appears.
 */

/** One `CasualtiesReported` event with every correction already applied to its data. */
export interface TallyReport {
  eventId: string;
  /** Global position of the report: breaks ties between reports with the same `asOf`. */
  position: number;
  /** When the desk recorded the report, ISO-8601 UTC. */
  recordedAt: string;
  party: string;
  category: CasualtyCategory;
  figure: Figure;
  status: CasualtyStatus;
  source: Source;
  /** When the figure held, ISO-8601 UTC. */
  asOf: string;
  /** At least one correction changed it. */
  corrected: boolean;
  retracted: boolean;
}

/** The figure a tally reads as now. */
export interface TallyEntry {
  figure: Figure;
  status: CasualtyStatus;
  source: Source;
  asOf: string;
  eventId: string;
}

/** One source's latest figure. */
export interface SourceFigure {
  source: Source;
  figure: Figure;
  status: CasualtyStatus;
  asOf: string;
  eventId: string;
}

/** One report in the timeline of a tally, retracted ones included. */
export interface HistoryEntry {
  eventId: string;
  figure: Figure;
  status: CasualtyStatus;
  source: Source;
  asOf: string;
  recordedAt: string;
  corrected: boolean;
  retracted: boolean;
}

/** What is known about one (party, category) of a story (API.md "Reads", `tallies`). */
export interface CasualtyTally {
  /** As first written in the story (the lowest position among its reports in any category), whitespace tidied. */
  party: string;
  category: CasualtyCategory;
  /** The latest live report by `asOf` (ties: the later position), `null` when every report was retracted. */
  current: TallyEntry | null;
  /** Lowest and highest figure across `sources`; `max` is `null` when one of them is open-ended. */
  range: { min: number; max: number | null } | null;
  /** Two sources' latest figures cannot both be true: their intervals do not overlap. */
  disputed: boolean;
  /** Each source's latest live report, in `asOf` order. */
  sources: SourceFigure[];
  /** Every report, retracted ones too, in `asOf` order (ties by position). */
  history: HistoryEntry[];
}

/**
 * The grouping key of a party: case-insensitive, blind to surrounding spaces and to runs of spaces,
 * so " Turkish  soldiers" and "turkish soldiers" are one party.
 */
export function partyKey(party: string): string {
  return tidyWhitespace(party).toLowerCase();
}

/**
 * Who a source is: its name and organization, case- and whitespace-insensitive. `role`, `via` and
 * `channel` are left out on purpose: a governor quoted on television and then through an agency is
 * still one source whose later figure replaces the earlier one.
 */
export function sourceKey(source: Source): string {
  return JSON.stringify([partyKey(source.name), partyKey(source.organization ?? '')]);
}

/**
 * Groups the reports of one story into tallies per (party, category), ordered by party key (code
 * point order, as PostgreSQL's "C" collation orders them) and then by category (killed, wounded,
 * missing, captured, displaced).
 *
 * @param reports the story's casualty reports, corrections applied; any order
 */
export function computeTallies(reports: readonly TallyReport[]): CasualtyTally[] {
  return inTallyOrder(tallyGroups(reports)).map((group) => group.tally);
}

/** One (party, category) of a story: its tally and the reports it was computed from. */
export interface TallyGroup {
  /** {@link partyKey} of the party. */
  readonly partyKey: string;
  readonly category: CasualtyCategory;
  /** The group's reports, in the order they came in. */
  readonly reports: readonly TallyReport[];
  readonly tally: CasualtyTally;
}

/** A story's tallies by group, keyed by {@link groupKey}: what {@link tallyGroups} takes back to recompute only what changed. */
export type TallyGroups = ReadonlyMap<string, TallyGroup>;

/** The key of a (party key, category) in {@link TallyGroups}. */
export function groupKey(partyKey: string, category: CasualtyCategory): string {
  return `${partyKey}\u0000${category}`;
}

/**
 * The tallies of `reports` per group, as {@link computeTallies} computes them (unordered). With
 * `previous`, the groups computed earlier for an earlier state of the same story, a group whose
 * reports are the very same objects in the same order and whose party reads as before is taken
 * over as it is (the same `TallyGroup` object, so a caller can tell what changed by identity):
 * reports are immutable, and a tally is a pure function of its group's reports and its party's
 * name as first written. A story's batch then costs a pass over its reports plus the groups it
 * touched, not every group's sorting and history.
 *
 * @param reports the story's casualty reports, corrections applied; a report that did not change
 *   must be the same object as in the state `previous` was computed for
 */
export function tallyGroups(reports: readonly TallyReport[], previous?: TallyGroups): Map<string, TallyGroup> {
  const keys = new KeyMemo();
  const grouped = new Map<string, { partyKey: string; category: CasualtyCategory; reports: TallyReport[] }>();
  const firstWritten = new Map<string, TallyReport>();
  for (const report of reports) {
    const party = keys.party(report.party);
    const first = firstWritten.get(party);
    if (first === undefined || report.position < first.position) firstWritten.set(party, report);
    const key = groupKey(party, report.category);
    const group = grouped.get(key);
    if (group) group.reports.push(report);
    else grouped.set(key, { partyKey: party, category: report.category, reports: [report] });
  }
  const groups = new Map<string, TallyGroup>();
  for (const [key, { partyKey, category, reports: members }] of grouped) {
    const party = tidyWhitespace(firstWritten.get(partyKey)!.party);
    const before = previous?.get(key);
    const unchanged = before !== undefined && before.tally.party === party && sameReports(before.reports, members);
    groups.set(key, unchanged ? before : { partyKey, category, reports: members, tally: tallyOf(members, party, keys) });
  }
  return groups;
}

/** The groups in the order of {@link computeTallies}. */
export function inTallyOrder(groups: TallyGroups): TallyGroup[] {
  return [...groups.values()].sort(
    (left, right) => compareCodePoints(left.partyKey, right.partyKey) || categoryOrder(left.category) - categoryOrder(right.category),
  );
}

/** The place of a category in a story's tallies: its index in {@link CASUALTY_CATEGORIES}. */
export function categoryOrder(category: CasualtyCategory): number {
  return CASUALTY_CATEGORIES.indexOf(category);
}

function sameReports(left: readonly TallyReport[], right: readonly TallyReport[]): boolean {
  return left.length === right.length && left.every((report, index) => report === right[index]);
}

/**
 * Code point order, which is the byte order of UTF-8 and so PostgreSQL's "C" collation: the
 * casualty read orders stored groups by that. (`<` on strings compares UTF-16 code units, which
 * differs for characters above U+FFFF against those from U+E000 to U+FFFF.)
 */
function compareCodePoints(left: string, right: string): number {
  return left === right ? 0 : Buffer.compare(Buffer.from(left), Buffer.from(right));
}

/**
 * The keys of one computation, each worked out once: a story's reports name the same few parties
 * and sources again and again, and normalizing them takes a regular expression each.
 */
class KeyMemo {
  private readonly parties = new Map<string, string>();
  private readonly sources = new Map<string, string>();

  party(party: string): string {
    let key = this.parties.get(party);
    if (key === undefined) this.parties.set(party, (key = partyKey(party)));
    return key;
  }

  source(source: Source): string {
    // No stored text holds a NUL (PostgreSQL's jsonb cannot), so it separates the two unambiguously.
    const raw = `${source.name}\u0000${source.organization ?? ''}`;
    let key = this.sources.get(raw);
    if (key === undefined) this.sources.set(raw, (key = sourceKey(source)));
    return key;
  }
}

function tallyOf(group: readonly TallyReport[], party: string, keys: KeyMemo): CasualtyTally {
  const timeline = inAsOfOrder(group);
  const live = timeline.filter((report) => !report.retracted);
  const latest = live.length > 0 ? live[live.length - 1] : null;
  const sources = latestPerSource(live, keys);
  return {
    party,
    category: group[0].category,
    current: latest && { figure: latest.figure, status: latest.status, source: latest.source, asOf: latest.asOf, eventId: latest.eventId },
    range: rangeOf(sources),
    disputed: isDisputed(sources),
    sources,
    history: timeline.map(({ eventId, figure, status, source, asOf, recordedAt, corrected, retracted }) => ({
      eventId,
      figure,
      status,
      source,
      asOf,
      recordedAt,
      corrected,
      retracted,
    })),
  };
}

/** `live` must be in `asOf` order: a later report of a source replaces its earlier one. */
function latestPerSource(live: readonly TallyReport[], keys: KeyMemo): SourceFigure[] {
  const latest = new Map<string, TallyReport>();
  for (const report of live) {
    const key = keys.source(report.source);
    latest.delete(key);
    latest.set(key, report);
  }
  return [...latest.values()].map(({ source, figure, status, asOf, eventId }) => ({ source, figure, status, asOf, eventId }));
}

function rangeOf(sources: readonly SourceFigure[]): CasualtyTally['range'] {
  if (sources.length === 0) return null;
  const min = Math.min(...sources.map(({ figure }) => figure.min));
  const openEnded = sources.some(({ figure }) => figure.max === undefined);
  return { min, max: openEnded ? null : Math.max(...sources.map(({ figure }) => figure.max as number)) };
}

/** Some pair of intervals [min, max ?? ∞] is disjoint exactly when the lowest upper bound is below the highest lower bound. */
function isDisputed(sources: readonly SourceFigure[]): boolean {
  if (sources.length < 2) return false;
  const lowestUpper = Math.min(...sources.map(({ figure }) => figure.max ?? Number.POSITIVE_INFINITY));
  const highestLower = Math.max(...sources.map(({ figure }) => figure.min));
  return lowestUpper < highestLower;
}

/** Ordered by `asOf`, ties by position; each `asOf` parsed once rather than in every comparison. */
function inAsOfOrder(reports: readonly TallyReport[]): TallyReport[] {
  return reports
    .map((report) => ({ report, at: Date.parse(report.asOf) }))
    .sort((left, right) => left.at - right.at || left.report.position - right.report.position)
    .map(({ report }) => report);
}

function tidyWhitespace(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
