import { join } from 'node:path';

/** Names the compiled tree the harness runs instead of this one's (`npm run bench:compare` sets it for the base revision). */
export const SERVICE_DIST_VARIABLE = 'NEWSDESK_BENCH_DIST';

/**
 * The compiled service the harness measures: this tree's `dist/`, or the one `NEWSDESK_BENCH_DIST`
 * names. Everything of the service comes from it — the migrations it runs at start, its routes, the
 * rebuild CLI — while the load, the seeding and the statistics stay this tree's.
 */
export function serviceDist(): string {
  return process.env[SERVICE_DIST_VARIABLE] || join(__dirname, '..', '..', 'dist');
}
