import type { CasualtiesReportedData, CasualtyCategory, CasualtyStatus, Figure, Source } from '../story.events';

/**
 * One casualty tally: what is known about a (party, category) of a story, computed from its
 * reports as they stand now. Pure: no Nest, no SQL. `compute-tallies.ts` groups a story's reports
 * and keeps a {@link TallyTimeline} for each group.
 */

/** One `CasualtiesReported` event with every correction already applied to its data. */
export interface TallyReport extends Pick<CasualtiesReportedData, 'party' | 'category' | 'figure' | 'status' | 'source' | 'asOf'> {
  eventId: string;
  /** Global position of the report: breaks ties between reports with the same `asOf`. */
  position: number;
  /** When the desk recorded the report, ISO-8601 UTC. */
  recordedAt: string;
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
 * The keys of one computation, each worked out once: a story's reports name the same few parties
 * and sources again and again, and normalizing them takes a regular expression each.
 */
export class KeyMemo {
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

/** A tally without its `history`: what the casualty projection stores per group (the history goes one row per report). */
export type TallyHead = Omit<CasualtyTally, 'history'>;

/** A report and its `asOf` as a number, parsed once. */
interface Timed {
  readonly report: TallyReport;
  readonly at: number;
}

/** Timeline order: by `asOf`, ties by position. */
function compareTimed(left: Timed, right: Timed): number {
  return left.at - right.at || left.report.position - right.report.position;
}

/**
 * The reports of one group (a story's party and category) in timeline order, with what the tally
 * reads off them: each source's latest live report and the latest live report overall. Immutable:
 * {@link withAdded} answers a new one, in time proportional to the group's size only for copying
 * the timeline, so a report joining a group of thousands costs no re-sort and no re-scan.
 */
export class TallyTimeline {
  private constructor(
    private readonly timeline: readonly Timed[],
    /** Per source key, its latest live report. */
    private readonly latestBySource: ReadonlyMap<string, Timed>,
    private readonly latest: Timed | undefined,
  ) {}

  /** The timeline of `group`: all of a story's reports of one (party, category), in any order, at least one. */
  static of(group: readonly TallyReport[], keys: KeyMemo): TallyTimeline {
    const timeline = group.map(timed).sort(compareTimed);
    const latestBySource = new Map<string, Timed>();
    let latest: Timed | undefined;
    for (const entry of timeline) {
      if (entry.report.retracted) continue;
      latestBySource.set(keys.source(entry.report.source), entry);
      latest = entry;
    }
    return new TallyTimeline(timeline, latestBySource, latest);
  }

  /** This timeline with `reports` added: reports new to the group (none of them already in it). */
  withAdded(reports: readonly TallyReport[], keys: KeyMemo): TallyTimeline {
    const timeline = this.timeline.slice();
    const latestBySource = new Map(this.latestBySource);
    let latest = this.latest;
    for (const report of reports) {
      const entry = timed(report);
      timeline.splice(insertionPoint(timeline, entry), 0, entry);
      if (report.retracted) continue;
      const key = keys.source(report.source);
      const sourceLatest = latestBySource.get(key);
      if (sourceLatest === undefined || compareTimed(entry, sourceLatest) > 0) latestBySource.set(key, entry);
      if (latest === undefined || compareTimed(entry, latest) > 0) latest = entry;
    }
    return new TallyTimeline(timeline, latestBySource, latest);
  }

  /** The tally's fields but `history`, for the party as first written (tidied). */
  head(party: string): TallyHead {
    const sources = [...this.latestBySource.values()]
      .sort(compareTimed)
      .map(({ report: { source, figure, status, asOf, eventId } }) => ({ source, figure, status, asOf, eventId }));
    const latest = this.latest?.report;
    return {
      party,
      category: this.timeline[0].report.category,
      current: latest ? { figure: latest.figure, status: latest.status, source: latest.source, asOf: latest.asOf, eventId: latest.eventId } : null,
      range: rangeOf(sources),
      disputed: isDisputed(sources),
      sources,
    };
  }

  /** Every report, retracted ones too, as the tally's `history` lists them. */
  history(): HistoryEntry[] {
    return this.timeline.map(({ report }) => historyEntryOf(report));
  }

  /** The reports, in timeline order. */
  reports(): TallyReport[] {
    return this.timeline.map(({ report }) => report);
  }
}

/** A report as its tally's `history` lists it. */
export function historyEntryOf({ eventId, figure, status, source, asOf, recordedAt, corrected, retracted }: TallyReport): HistoryEntry {
  return { eventId, figure, status, source, asOf, recordedAt, corrected, retracted };
}

function timed(report: TallyReport): Timed {
  return { report, at: Date.parse(report.asOf) };
}

/** Where `entry` goes in `timeline`: after every entry that is not later (reports mostly arrive in order: usually the end). */
function insertionPoint(timeline: readonly Timed[], entry: Timed): number {
  let low = 0;
  let high = timeline.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareTimed(timeline[middle], entry) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
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

/** Trimmed, every run of whitespace one space. */
export function tidyWhitespace(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
