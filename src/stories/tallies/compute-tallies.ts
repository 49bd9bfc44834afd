import { CASUALTY_CATEGORIES } from '../story.events';
import type { CasualtyCategory } from '../story.events';
import { KeyMemo, TallyTimeline, tidyWhitespace } from './casualty-tally';
import type { CasualtyTally, TallyHead, TallyReport } from './casualty-tally';

export { historyEntryOf, partyKey, sourceKey } from './casualty-tally';
export type { CasualtyTally, HistoryEntry, SourceFigure, TallyEntry, TallyHead, TallyReport } from './casualty-tally';

/**
 * Casualty tallies of one story, computed from its casualty reports as they stand now. Pure: no
 * Nest, no SQL. The casualty-tallies projection and the story versions both use it, so a tally
 * reads the same wherever it appears.
 */

/**
 * Groups the reports of one story into tallies per (party, category), ordered by party key (code
 * point order, as PostgreSQL's "C" collation orders them) and then by category (killed, wounded,
 * missing, captured, displaced).
 *
 * @param reports the story's casualty reports, corrections applied; any order
 */
export function computeTallies(reports: readonly TallyReport[]): CasualtyTally[] {
  const groups = new StoryTallyGroups();
  groups.put(reports);
  return groups.inOrder().map((group) => group.tally);
}

/** One (party, category) of a story and its tally. */
export interface TallyGroup {
  /** The party's grouping key (`partyKey`). */
  readonly partyKey: string;
  readonly category: CasualtyCategory;
  /** The tally without `history`. */
  readonly head: TallyHead;
  /** The whole tally, `head` and `history` (built on first use). */
  readonly tally: CasualtyTally;
}

/** What {@link StoryTallyGroups.put} changed: groups whose tally is new, and groups that no longer exist. */
export interface TallyChanges {
  changed: TallyGroup[];
  removed: TallyGroup[];
}

/** A group as kept: its reports in timeline order, and the one written first (lowest position). */
class KeptGroup implements TallyGroup {
  private whole: CasualtyTally | undefined;

  constructor(
    readonly partyKey: string,
    readonly category: CasualtyCategory,
    readonly timeline: TallyTimeline,
    readonly first: TallyReport,
    readonly head: TallyHead,
  ) {}

  get tally(): CasualtyTally {
    return (this.whole ??= { ...this.head, history: this.timeline.history() });
  }
}

/** A group's reports as a put leaves them, before its party's name is known. */
interface GroupAfter {
  readonly timeline: TallyTimeline;
  readonly first: TallyReport;
}

/**
 * A story's tallies kept per group, so that a change recomputes only the groups it touched: the
 * groups reports left or joined, and every group of a party whose name as first written changed
 * (a correction can move a report, and with it the party's earliest report, to another party).
 * Reports are immutable and a tally is a pure function of its group's reports and its party's
 * name, so a group left alone is the tally {@link computeTallies} would compute. A group that
 * reports only joined (the usual batch: new reports) takes them into its timeline as it stands;
 * one that a report left or changed in is worked out again from its reports. Mutable: whoever
 * keeps one must not trust it once a `put` failed halfway (the casualty projection takes it out of
 * its cache while it works on it).
 */
export class StoryTallyGroups {
  private readonly groups = new Map<string, KeptGroup>();
  /** Every report by event id, and the key of the group it is in. */
  private readonly placed = new Map<string, { report: TallyReport; group: string }>();
  private readonly keys = new KeyMemo();

  /** The report kept for this event id. */
  report(eventId: string): TallyReport | undefined {
    return this.placed.get(eventId)?.report;
  }

  /** How many reports are kept. */
  get reportCount(): number {
    return this.placed.size;
  }

  /**
   * Adds these reports, each replacing the one kept under its event id if any (a correction or
   * retraction), and recomputes the groups that changed.
   */
  put(reports: readonly TallyReport[]): TallyChanges {
    /** Per touched group: the reports put into it, and whether a report it held before this put left it or changed. */
    const touched = new Map<string, { joined: TallyReport[]; reworked: boolean }>();
    const touch = (key: string) => {
      let group = touched.get(key);
      if (group === undefined) touched.set(key, (group = { joined: [], reworked: false }));
      return group;
    };
    const putNow = new Set<string>();
    for (const report of reports) {
      const previous = this.placed.get(report.eventId);
      // One put earlier in this same call only drops out of `joined` below.
      if (previous !== undefined && !putNow.has(report.eventId)) touch(previous.group).reworked = true;
      const key = groupKey(this.keys.party(report.party), report.category);
      touch(key).joined.push(report);
      this.placed.set(report.eventId, { report, group: key });
      putNow.add(report.eventId);
    }
    /** Still placed as it is here: the version of the report this put leaves, in this group. */
    const stays = (report: TallyReport, key: string) => {
      const placed = this.placed.get(report.eventId)!;
      return placed.report === report && placed.group === key;
    };
    const after = new Map<string, GroupAfter | undefined>();
    for (const [key, { joined, reworked }] of touched) {
      const kept = this.groups.get(key);
      // A group holds each event id once: a report this put names twice is added once, and a kept
      // one it names again (even the very same object) comes from `added`, not from the timeline too.
      const added = [...new Set(joined)].filter((report) => stays(report, key));
      if (reworked || kept === undefined) {
        const members = [...(kept?.timeline.reports().filter((report) => !putNow.has(report.eventId) && stays(report, key)) ?? []), ...added];
        after.set(key, members.length === 0 ? undefined : { timeline: TallyTimeline.of(members, this.keys), first: earliest(members)! });
      } else {
        after.set(key, added.length === 0 ? kept : { timeline: kept.timeline.withAdded(added, this.keys), first: earliest([kept.first, ...added])! });
      }
    }
    const firstAfter = (key: string): TallyReport | undefined => (after.has(key) ? after.get(key)?.first : this.groups.get(key)?.first);
    // A party's name is that of its earliest report: the groups touched may have changed it for the party's other groups.
    for (const party of new Set([...touched.keys()].map(partyOfKey))) {
      const nameBefore = this.firstWritten(party, (key) => this.groups.get(key)?.first)?.party;
      const nameAfter = this.firstWritten(party, firstAfter)?.party;
      if (nameAfter !== undefined && tidyWhitespace(nameAfter) !== (nameBefore && tidyWhitespace(nameBefore))) {
        for (const category of CASUALTY_CATEGORIES) {
          const key = groupKey(party, category);
          if (!after.has(key) && this.groups.has(key)) after.set(key, this.groups.get(key));
        }
      }
    }
    const recomputed: KeptGroup[] = [];
    const removed: KeptGroup[] = [];
    for (const [key, group] of after) {
      if (group === undefined) {
        const kept = this.groups.get(key);
        if (kept !== undefined) removed.push(kept);
        continue;
      }
      const party = partyOfKey(key);
      const name = tidyWhitespace(this.firstWritten(party, firstAfter)!.party);
      recomputed.push(new KeptGroup(party, group.first.category, group.timeline, group.first, group.timeline.head(name)));
    }
    // Stored only now: `firstAfter` reads the untouched groups as they were.
    for (const group of removed) this.groups.delete(groupKey(group.partyKey, group.category));
    for (const group of recomputed) this.groups.set(groupKey(group.partyKey, group.category), group);
    return { changed: recomputed, removed };
  }

  /** Every group, in the order of {@link computeTallies}. */
  inOrder(): TallyGroup[] {
    return [...this.groups.values()].sort(
      (left, right) => compareCodePoints(left.partyKey, right.partyKey) || categoryOrder(left.category) - categoryOrder(right.category),
    );
  }

  /** The party's earliest report across its groups, each group's earliest given by `firstIn`. */
  private firstWritten(party: string, firstIn: (key: string) => TallyReport | undefined): TallyReport | undefined {
    return earliest(CASUALTY_CATEGORIES.map((category) => firstIn(groupKey(party, category))));
  }
}

/** The place of a category in a story's tallies: its index in {@link CASUALTY_CATEGORIES}. */
export function categoryOrder(category: CasualtyCategory): number {
  return CASUALTY_CATEGORIES.indexOf(category);
}

// No stored text holds a NUL (PostgreSQL's jsonb cannot), so it separates the two unambiguously.
function groupKey(partyKey: string, category: CasualtyCategory): string {
  return `${partyKey}\u0000${category}`;
}

function partyOfKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}

/** The report with the lowest position; absent ones are skipped. */
function earliest(reports: Iterable<TallyReport | undefined>): TallyReport | undefined {
  let first: TallyReport | undefined;
  for (const report of reports) if (report !== undefined && (first === undefined || report.position < first.position)) first = report;
  return first;
}

/**
 * Code point order, which is the byte order of UTF-8 and so PostgreSQL's "C" collation: the
 * casualty read orders stored groups by that. (`<` on strings compares UTF-16 code units, which
 * differs for characters above U+FFFF against those from U+E000 to U+FFFF.)
 */
function compareCodePoints(left: string, right: string): number {
  return left === right ? 0 : Buffer.compare(Buffer.from(left), Buffer.from(right));
}
