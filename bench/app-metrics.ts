/** Series of the app's Prometheus text, by full name with labels, e.g. `ivr_db_pool_connections{state="idle"}`. */
export type MetricSamples = ReadonlyMap<string, number>;

export async function scrapeMetrics(port: number): Promise<MetricSamples> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return new Map();
    const samples = new Map<string, number>();
    for (const line of (await response.text()).split('\n')) {
      const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?)\s+(\S+)$/.exec(line);
      if (match) samples.set(match[1], Number(match[2]));
    }
    return samples;
  } catch {
    return new Map();
  }
}

/**
 * Mean time inside the app per route between two scrapes (ivr_webhook_duration_seconds: from the
 * interceptor to the response being sent, so without body parsing and the signature guard).
 */
export function handlerMeanMs(before: MetricSamples, after: MetricSamples): Record<string, number> {
  const sums = new Map<string, { seconds: number; count: number }>();
  for (const [series, value] of after) {
    const match = /^ivr_webhook_duration_seconds_(sum|count)\{.*route="([^"]+)"/.exec(series);
    if (!match) continue;
    const delta = value - (before.get(series) ?? 0);
    const entry = sums.get(match[2]) ?? { seconds: 0, count: 0 };
    if (match[1] === 'sum') entry.seconds += delta;
    else entry.count += delta;
    sums.set(match[2], entry);
  }
  const means: Record<string, number> = {};
  for (const [route, { seconds, count }] of sums) if (count > 0) means[route] = (seconds / count) * 1000;
  return means;
}

/** The database pool's connections by state (total, idle, waiting) at the moment of the scrape. */
export function poolConnections(samples: MetricSamples): Record<string, number> {
  const pool: Record<string, number> = {};
  for (const [series, value] of samples) {
    const match = /^ivr_db_pool_connections\{state="([^"]+)"\}$/.exec(series);
    if (match) pool[match[1]] = value;
  }
  return pool;
}
