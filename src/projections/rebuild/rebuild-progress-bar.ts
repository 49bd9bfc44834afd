import { Presets, SingleBar } from 'cli-progress';
import type { RebuildProgress, RebuildResult } from './projection-rebuilder';

/** A terminal progress bar for one rebuild: events done of total, events per second, ETA. */
export class RebuildProgressBar {
  private readonly bar: SingleBar;
  private readonly startedAt = Date.now();
  private started = false;

  constructor(private readonly projection: string, private readonly stream: NodeJS.WritableStream = process.stderr) {
    this.bar = new SingleBar(
      {
        format: `${projection} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`,
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

  finish(result: RebuildResult): void {
    this.bar.setTotal(Math.max(result.events, 1));
    this.bar.update(result.events, { rate: this.rate(result.events) });
    this.bar.stop();
    this.stream.write(`${this.projection}: rebuilt from ${result.events} events, checkpoint at position ${result.position}\n`);
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
