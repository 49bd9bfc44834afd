/** One projection's state as `/health` reports it. */
export interface ProjectionHealth {
  name: string;
  position: number;
  lag: number;
  error: string | null;
}

/** Token for whatever reports projection states to `/health` (the projection runner). */
export const PROJECTION_HEALTH = Symbol('ProjectionHealthSource');

export interface ProjectionHealthSource {
  statuses(): Promise<ProjectionHealth[]>;
}
