import { Presets, SingleBar } from 'cli-progress';
import type { RebuildProgress, RebuildResult } from './projection-rebuilder';

/** A terminal progress bar for one rebuild pass (one projection or several): events done of total, events per second, ETA. */
export class RebuildProgressBar {
  private readonly bar: SingleBar;
  private readonly startedAt = Date.now();
  private started = false;

  constructor(private readonly label: string, private readonly stream: NodeJS.WritableStream = process.stderr) {
    this.bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
        stream,
        etaBuffer: 50,
        // Also print (every second) when the output is a file or a pipe, e.g. in CI logs.
        noTTYOutput: true,
        notTTYSchedule: 1_000,
      },
      Presets.shades_classic,
    );
  }

  update(progress: RebuildProgress): void {
    const payload = { rate: this.rate(progress.done) };
    if (!this.started) {
      this.bar.start(progress.total, progress.done, payload);
      this.started = true;
      return;
    }
    this.bar.setTotal(progress.total);
    this.bar.update(progress.done, payload);
  }

  /** Stops the bar and prints a line per rebuilt projection. */
  finish(results: readonly RebuildResult[]): void {
    const events = Math.max(0, ...results.map((result) => result.events));
    this.bar.setTotal(Math.max(events, 1));
    this.bar.update(events, { rate: this.rate(events) });
    this.bar.stop();
    for (const result of results) {
      this.stream.write(`${result.projection}: rebuilt from ${result.events} events, checkpoint at position ${result.position}\n`);
    }
  }

  /** Leaves the bar where it stopped (on an error). */
  abandon(): void {
    this.bar.stop();
  }

  private rate(done: number): number {
    const seconds = (Date.now() - this.startedAt) / 1_000;
    return seconds > 0 ? Math.round(done / seconds) : 0;
  }
}
