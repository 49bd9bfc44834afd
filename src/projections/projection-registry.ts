import { Injectable } from '@nestjs/common';
import { assertValidProjection, Projection } from './projection';
import { UnknownProjectionError } from './projections.errors';

/** Every projection registered through `ProjectionsModule.forFeature`, by name. */
@Injectable()
export class ProjectionRegistry {
  private readonly byName = new Map<string, Projection>();

  register(projections: readonly Projection[]): void {
    for (const projection of projections) {
      assertValidProjection(projection);
      if (this.byName.has(projection.name)) throw new Error(`Two projections are named ${projection.name}`);
      const owner = this.all().find((other) => other.tables.some((table) => projection.tables.includes(table)));
      if (owner) throw new Error(`Projections ${owner.name} and ${projection.name} share a table`);
      this.byName.set(projection.name, projection);
    }
  }

  all(): Projection[] {
    return [...this.byName.values()];
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** @throws UnknownProjectionError */
  get(name: string): Projection {
    const projection = this.byName.get(name);
    if (!projection) throw new UnknownProjectionError(name, this.names());
    return projection;
  }
}
