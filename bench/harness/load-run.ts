import autocannon from 'autocannon';

/** What one autocannon run measured: completed requests per second and latency percentiles in ms. */
export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Answers by status class; a load whose answers are not all 2xx is reported, not hidden. */
  statusCounts: Record<string, number>;
  errors: number;
  total: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Builds each request: path and body, so a run can spread writes over many stories. */
  nextRequest: () => { path: string; body?: string };
  /** Sees every answer (status and body), for example to time projection lag. */
  onResponse?: (status: number, body: string, path: string) => void;
}

/**
 * One run of autocannon (chosen over a home-made loop: well-kept, HdrHistogram latencies,
 * pipelining-free keep-alive connections like a real client pool).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const statusCounts: Record<string, number> = {};
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: options.method ?? 'GET',
    headers: options.headers,
    requests: [
      {
        setupRequest: (request: any) => {
          const next = options.nextRequest();
          return { ...request, path: next.path, body: next.body };
        },
        onResponse: (status: number, body: string, context: any) => {
          statusCounts[`${Math.floor(status / 100)}xx`] = (statusCounts[`${Math.floor(status / 100)}xx`] ?? 0) + 1;
          options.onResponse?.(status, body, context?.path ?? '');
        },
      },
    ],
  } as any);
  return {
    requestsPerSecond: result.requests.total / options.durationSeconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCounts,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  };
}
