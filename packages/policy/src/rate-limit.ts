// Token buckets per (virtual key, tool rule). In memory, per gateway process: a restart refills
// every bucket, and several gateway replicas each keep their own (documented in docs/policy.md).
import type { RateLimit } from './policy-schema.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** Bounded so a flood of distinct keys cannot grow memory without limit. */
const MAX_BUCKETS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Takes one token; false when the bucket is empty. `now` in milliseconds. */
  take(bucketKey: string, limit: RateLimit, now: number = Date.now(), consume = true): boolean {
    let b = this.buckets.get(bucketKey);
    if (!b) {
      if (this.buckets.size >= MAX_BUCKETS) this.evict();
      b = { tokens: limit.capacity, at: now };
      this.buckets.set(bucketKey, b);
    } else {
      const elapsed = Math.max(0, now - b.at) / 1000;
      b.tokens = Math.min(limit.capacity, b.tokens + elapsed * limit.refillPerSecond);
      b.at = now;
    }
    if (b.tokens < 1) return false;
    if (consume) b.tokens -= 1;
    return true;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Drops the oldest buckets (Map keeps insertion order); a dropped bucket restarts full. */
  private evict(): void {
    let n = Math.ceil(MAX_BUCKETS / 10);
    for (const k of this.buckets.keys()) {
      this.buckets.delete(k);
      if (--n <= 0) break;
    }
  }
}
