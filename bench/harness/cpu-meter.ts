import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { BenchRow } from './bench-report';
import { descendantsOf } from './process-tree';
import { spreadOf } from './statistics';

/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ, fixed at 100 on x86 and arm). */
const TICKS_PER_SECOND = 100;
const POLL_MS = 50;
/** A backend's process title: `postgres: [cluster: ]user database host state`. */
const BACKEND_TITLE = /^postgres: (?:\S+: )?\S+ (\S+) /;

/** CPU seconds spent during a measurement, by who spent them. */
export interface CpuSpent {
  /** Per process given to {@link CpuMeter.start}, by its label: the process and its descendants (a service's workers). */
  processes: Record<string, number>;
  /** Every PostgreSQL backend serving the database, those that came and went included. */
  postgres: number;
  /** This process (the harness: the load generator, the bench's own queries). */
  harness: number;
}

/**
 * Where the CPU of a measurement went: the service's processes, the PostgreSQL backends of the
 * bench database, and the harness itself — read from /proc, so that a figure that misses its target
 * can be set against what the two cores could give at all. Polls every 50 ms and keeps the last
 * reading of each process, so a process that exits during the measurement (a rebuild, its
 * connections) counts up to at most 50 ms before it ended. Where /proc is missing (not Linux),
 * `start` returns undefined and the scenarios leave these rows out.
 */
export class CpuMeter {
  /** Ticks at the start, per pid; 0 for a backend that appears later (its whole life falls inside). */
  private readonly base = new Map<number, number>();
  private readonly last = new Map<number, number>();
  /** Every process seen under each label: the one given and its descendants, those that came and went included. */
  private readonly tree = new Map<string, Set<number>>();
  private readonly backends = new Set<number>();
  /** Processes already known not to be backends of the database: their titles are read once. */
  private readonly others = new Set<number>();
  private readonly timer: NodeJS.Timeout;
  private readonly harnessStart = process.cpuUsage();

  private constructor(
    private readonly databaseName: string,
    private readonly processes: Record<string, number>,
  ) {
    for (const pid of this.pids()) this.base.set(pid, ticksOf(pid) ?? 0);
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
  }

  static start(databaseName: string, processes: Record<string, number> = {}): CpuMeter | undefined {
    try {
      readFileSync('/proc/self/stat');
    } catch {
      return undefined;
    }
    return new CpuMeter(databaseName, processes);
  }

  /** Also counts `pid` (a process started after `start`) under `label`, from zero. */
  add(label: string, pid: number): void {
    this.processes[label] = pid;
    this.tree.set(label, new Set([pid]));
    this.base.set(pid, 0);
  }

  stop(): CpuSpent {
    this.poll();
    clearInterval(this.timer);
    const spent = (pid: number) => ((this.last.get(pid) ?? this.base.get(pid) ?? 0) - (this.base.get(pid) ?? 0)) / TICKS_PER_SECOND;
    const harness = process.cpuUsage(this.harnessStart);
    return {
      processes: Object.fromEntries(Object.keys(this.processes).map((label) => [label, [...(this.tree.get(label) ?? [])].reduce((sum, pid) => sum + spent(pid), 0)])),
      postgres: [...this.backends].reduce((sum, pid) => sum + spent(pid), 0),
      harness: (harness.user + harness.system) / 1e6,
    };
  }

  private poll(): void {
    for (const pid of this.pids()) {
      const ticks = ticksOf(pid);
      if (ticks === undefined) continue;
      if (!this.base.has(pid)) this.base.set(pid, 0);
      this.last.set(pid, ticks);
    }
  }

  /** The given processes and their descendants, and every backend whose title names the database. */
  private pids(): number[] {
    const pids: number[] = [];
    for (const [label, root] of Object.entries(this.processes)) {
      const seen = this.tree.get(label) ?? new Set<number>();
      this.tree.set(label, seen);
      for (const pid of [root, ...descendantsOf(root)]) {
        seen.add(pid);
        pids.push(pid);
      }
    }
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      if (this.others.has(pid)) continue;
      if (this.backends.has(pid)) {
        pids.push(pid);
        continue;
      }
      let title: string;
      try {
        title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const backend = BACKEND_TITLE.exec(title);
      if (backend?.[1] === this.databaseName) {
        this.backends.add(pid);
        pids.push(pid);
      } else if (backend || (title !== '' && !title.includes('postgres'))) {
        // Not looked at again. A new backend shows the postmaster's command line until it has set
        // its title, and a process still starting or a zombie shows none: those are read again.
        this.others.add(pid);
      }
    }
    return pids;
  }
}

/** CPU seconds (user + system) a process has spent so far; undefined once it is gone, or without /proc. */
export function cpuSecondsOf(pid: number): number | undefined {
  const ticks = ticksOf(pid);
  return ticks === undefined ? undefined : ticks / TICKS_PER_SECOND;
}

/** utime + stime of a process, in ticks; undefined once it is gone. */
function ticksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** One measured run's CPU and how many units of work (appends, events) it did. */
export interface CpuRun {
  cpu: CpuSpent;
  units: number;
}

/** Units of work the service and PostgreSQL could do per second if every core did nothing else. */
export function cpuCeiling(run: CpuRun): number {
  const serving = Object.values(run.cpu.processes).reduce((sum, seconds) => sum + seconds, 0) + run.cpu.postgres;
  return (cpus().length * run.units) / serving;
}

/**
 * Rows for the CPU each unit of work cost (`ms` or `µs`), per service process, PostgreSQL and the
 * harness; then the ceiling that gives on this machine's cores (`ceiling`, per second): the rate no
 * change to how the work is scheduled could pass, only a change to the work itself. None when /proc
 * could not be read.
 */
export function cpuRows(
  scenario: number,
  labels: { per: string; ceiling: string },
  runs: readonly (CpuRun | undefined)[],
  unit: 'ms' | 'µs' = 'ms',
): BenchRow[] {
  const measured = runs.filter((run): run is CpuRun => run !== undefined && run.units > 0);
  if (measured.length === 0) return [];
  const scale = unit === 'ms' ? 1e3 : 1e6;
  const row = (who: string, seconds: (run: CpuRun) => number): BenchRow => ({
    scenario,
    metric: `CPU ${labels.per}: ${who}`,
    unit,
    value: spreadOf(measured.map((run) => (seconds(run) / run.units) * scale)),
  });
  return [
    ...Object.keys(measured[0].cpu.processes).map((label) => row(`${label} process`, (run) => run.cpu.processes[label])),
    row('PostgreSQL', (run) => run.cpu.postgres),
    row('bench process', (run) => run.cpu.harness),
    { scenario, metric: `${labels.ceiling} (${cpus().length} cores, service and PostgreSQL alone)`, unit: '/s', value: spreadOf(measured.map(cpuCeiling)) },
  ];
}
