/**
 * A small in-memory cache for expensive read models (the KPI dashboard): one computation per key at a
 * time (concurrent callers share the promise), reused while its data fingerprint is unchanged and it is
 * younger than the time to live. Each server instance keeps its own; nothing is written.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { fingerprint: string; at: number; value: Promise<T> }>();
  constructor(private readonly ttlMs: number, private readonly maxEntries = 200) {}

  async get(key: string, fingerprint: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.fingerprint === fingerprint && now - hit.at < this.ttlMs) return hit.value;
    const value = compute();
    this.entries.set(key, { fingerprint, at: now, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
