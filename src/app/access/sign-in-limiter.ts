/**
 * The sign-in rate limit: failures counted per client address and per (commune, username) in a
 * fixed window; once a count reaches its maximum, sign-in is refused until the window ends,
 * before any password is checked. Kept in the memory of one process (a restart forgets it, which
 * only gives an attacker another few guesses); a success clears the username's count.
 */
import { ACCESS_LIMITS } from '../../domain/access/limits.ts';

interface Window {
  count: number;
  startsMs: number;
}

/** Keys tracked before expired windows are swept: memory stays bounded under a flood. */
const TRACKED_KEYS_MAX = 50_000;

export class SignInLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #windowMs: number;

  constructor(
    readonly perUserMax: number = ACCESS_LIMITS.signInFailuresPerUserMax,
    readonly perIpMax: number = ACCESS_LIMITS.signInFailuresPerIpMax,
    windowMinutes: number = ACCESS_LIMITS.signInWindowMinutes,
  ) {
    this.#windowMs = windowMinutes * 60_000;
  }

  /** Seconds until sign-in is allowed again, or 0 when it is allowed now. */
  retryAfterSeconds(ip: string, tenant: string, username: string, nowMs: number): number {
    const waits = [
      this.#wait(`ip\u0000${ip}`, this.perIpMax, nowMs),
      this.#wait(`user\u0000${tenant}\u0000${username}`, this.perUserMax, nowMs),
    ];
    return Math.max(...waits);
  }

  failed(ip: string, tenant: string, username: string, nowMs: number): void {
    this.#bump(`ip\u0000${ip}`, nowMs);
    this.#bump(`user\u0000${tenant}\u0000${username}`, nowMs);
  }

  succeeded(tenant: string, username: string): void {
    this.#windows.delete(`user\u0000${tenant}\u0000${username}`);
  }

  #wait(key: string, max: number, nowMs: number): number {
    const w = this.#windows.get(key);
    if (!w || nowMs - w.startsMs >= this.#windowMs || w.count < max) return 0;
    return Math.ceil((w.startsMs + this.#windowMs - nowMs) / 1000);
  }

  #bump(key: string, nowMs: number): void {
    const w = this.#windows.get(key);
    if (!w || nowMs - w.startsMs >= this.#windowMs) {
      if (this.#windows.size >= TRACKED_KEYS_MAX) this.#sweep(nowMs);
      this.#windows.set(key, { count: 1, startsMs: nowMs });
    } else w.count += 1;
  }

  #sweep(nowMs: number): void {
    for (const [k, w] of this.#windows) if (nowMs - w.startsMs >= this.#windowMs) this.#windows.delete(k);
    // Still full of live windows: forget the oldest rather than grow without bound.
    if (this.#windows.size >= TRACKED_KEYS_MAX) this.#windows.clear();
  }
}
