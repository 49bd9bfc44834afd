/** Lets sleepers be woken early: by a NOTIFY, a moved checkpoint, or shutdown. */
export class WakeSignal {
  private readonly sleepers = new Set<() => void>();

  /** Resolves after `ms`, or at the next `wake()`, whichever comes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.sleepers.add(done);
    });
  }

  wake(): void {
    for (const sleeper of [...this.sleepers]) sleeper();
  }
}
