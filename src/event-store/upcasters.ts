import { MissingUpcasterError } from './event-store.errors';

/** Turns the data of `type` at schema `fromVersion` into the shape of `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The upcasters of every event type. A type's current schema version is one more than its
 * newest upcaster's `fromVersion` (1 when it has none); stored events are brought up to it on read,
 * so projections and the domain only ever see the current shape.
 */
export class UpcasterRegistry {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) {
      const steps = this.byType.get(upcaster.type) ?? new Map<number, Upcaster>();
      if (steps.has(upcaster.fromVersion)) {
        throw new Error(`Two upcasters for ${upcaster.type} from schema version ${upcaster.fromVersion}`);
      }
      steps.set(upcaster.fromVersion, upcaster);
      this.byType.set(upcaster.type, steps);
    }
  }

  currentVersion(type: string): number {
    const steps = this.byType.get(type);
    return steps ? Math.max(...steps.keys()) + 1 : 1;
  }

  /** Returns the data and schema version in the current shape of the event's type. */
  upcast(type: string, schemaVersion: number, data: Record<string, unknown>): { schemaVersion: number; data: Record<string, unknown> } {
    const current = this.currentVersion(type);
    let version = schemaVersion;
    let upcast = data;
    while (version < current) {
      const step = this.byType.get(type)?.get(version);
      if (!step) throw new MissingUpcasterError(type, version);
      upcast = step.upcast(upcast);
      version += 1;
    }
    return { schemaVersion: version, data: upcast };
  }
}
