import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ProjectionReadRequest } from './projection-read.request';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** One page of a list read newest first, and where the next page starts (`null`: this was the last). */
export interface Page<Item> {
  items: Item[];
  next: string | null;
}

/**
 * `?limit=` (1–200, default 50) and `?cursor=` (a page's `next`) of a list read newest first.
 * A cursor is opaque to clients; here it is the global position of the page's last row, so pages
 * never overlap or skip a row that existed when the first page was read.
 */
export class PagedListRequest extends ProjectionReadRequest {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional() @Matches(/^\d{1,15}$/, { message: 'cursor must be the `next` value of a previous page' })
  cursor?: string;
}

/** Where a page starts and how many rows to fetch: one more than the page, to know whether another follows. */
export interface PageWindow {
  /** Rows with a position below this one; `null` for the first page. */
  before: number | null;
  limit: number;
}

export function pageWindow(request: { limit?: number; cursor?: string }): PageWindow {
  return { before: request.cursor === undefined ? null : Number(request.cursor), limit: request.limit ?? DEFAULT_PAGE_SIZE };
}

/** Cuts the `limit + 1` rows fetched for `window` to a page. */
export function pageOf<Row extends { position: string | number }, Item>(rows: readonly Row[], window: PageWindow, toItem: (row: Row) => Item): Page<Item> {
  const shown = rows.slice(0, window.limit);
  const more = rows.length > window.limit;
  return { items: shown.map(toItem), next: more ? String(shown[shown.length - 1].position) : null };
}
