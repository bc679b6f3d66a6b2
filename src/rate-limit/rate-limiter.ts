import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Viewer } from '../auth/viewer';
import type { RateLimits } from '../config';
import { RateLimitedError } from '../errors/errors';
import type { Logger } from '../log/logger';
import type { Limiters } from './limiters';

/** Where refusals are counted: the metrics' rate_limit_rejections_total counter. */
export interface RejectionCounter {
  inc(labels: { limiter: string }): void;
}

type Outcome = { ok: true; res: RateLimiterRes } | { ok: false; res: RateLimiterRes };

async function consume(limiter: RateLimiterAbstract, key: string, points: number) {
  try {
    return { ok: true, res: await limiter.consume(key, points) } as Outcome;
  } catch (rejection) {
    // Anything but a verdict (a store failure with no fallback) is a real error.
    if (rejection instanceof RateLimiterRes) return { ok: false, res: rejection } as Outcome;
    throw rejection;
  }
}

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** True for the one request that went over, so a flood logs one warning, not thousands. */
function crossed(res: RateLimiterRes, points: number, limit: number): boolean {
  return res.consumedPoints - points <= limit;
}

/**
 * Every rate limit and the probe throttle. Each refusal is a RateLimitedError (429 with
 * Retry-After); the first refusal of a window is logged as a warning, later ones at debug.
 */
export class RateLimiter {
  constructor(
    private readonly limiters: Limiters,
    private readonly limits: RateLimits,
    private readonly rejections?: RejectionCounter,
  ) {}

  private refuse(log: Logger, limiter: string, res: RateLimiterRes, first: boolean, extra = {}) {
    const seconds = retryAfter(res);
    this.rejections?.inc({ limiter });
    log[first ? 'warn' : 'debug'](
      { event: 'rate_limited', limiter, retryAfter: seconds, ...extra },
      'request refused: rate limit',
    );
    return new RateLimitedError(seconds);
  }

  /** Before the token is read: an address that sent too many bad tokens is refused outright. */
  async checkAddress(ip: string | undefined, log: Logger): Promise<void> {
    const res = await this.limiters.authFailures.get(ip ?? 'unknown');
    if (res && res.consumedPoints > this.limits.authFailures) {
      throw this.refuse(log, 'auth_failures', res, false, { ip });
    }
  }

  /** A token was refused: counted against its address, which may now be blocked. */
  async authFailed(ip: string | undefined, log: Logger): Promise<void> {
    const { ok, res } = await consume(this.limiters.authFailures, ip ?? 'unknown', 1);
    if (!ok)
      throw this.refuse(log, 'auth_failures', res, crossed(res, 1, this.limits.authFailures), {
        ip,
      });
  }

  /**
   * After the token is verified, before any database work: a user blocked for probing is
   * refused, one close to it is slowed, and the operation counts against the user's limit.
   */
  async admit(viewer: Viewer, log: Logger): Promise<void> {
    const { probes } = this.limits;
    const probed = await this.limiters.probes.get(viewer.id);
    if (probed && probed.consumedPoints > probes.limit) {
      throw this.refuse(log, 'probes', probed, false);
    }
    if (probed && probed.consumedPoints >= probes.slowAfter) await sleep(probes.delayMs);
    await this.operations(viewer, 1, log);
  }

  async operations(viewer: Viewer, count: number, log: Logger): Promise<void> {
    const { ok, res } = await consume(this.limiters.operations, viewer.id, count);
    if (!ok) {
      throw this.refuse(log, 'operations', res, crossed(res, count, this.limits.operations));
    }
  }

  async mutations(viewer: Viewer, fields: number, log: Logger): Promise<void> {
    const { ok, res } = await consume(this.limiters.mutations, viewer.id, fields);
    if (!ok) {
      throw this.refuse(log, 'mutations', res, crossed(res, fields, this.limits.mutations), {
        fields,
      });
    }
  }

  /** Answers that found nothing: counted, and past the thresholds the user is slowed, then blocked. */
  async probed(viewer: Viewer, misses: number, log: Logger): Promise<void> {
    const { limit, slowAfter, delayMs, blockSeconds } = this.limits.probes;
    const { ok, res } = await consume(this.limiters.probes, viewer.id, misses);
    log.info(
      { event: 'not_found_probe', misses, inWindow: res.consumedPoints },
      'answer found nothing',
    );
    if (!ok && crossed(res, misses, limit)) {
      log.warn(
        { event: 'probe_blocked', inWindow: res.consumedPoints, blockSeconds },
        'user refused for probing',
      );
    } else if (ok && res.consumedPoints >= slowAfter && res.consumedPoints - misses < slowAfter) {
      log.warn({ event: 'probe_slowed', inWindow: res.consumedPoints, delayMs }, 'user slowed');
    }
  }
}
