/**
 * Server settings for the isolation suites. The probe throttle and the rate limits are
 * per-user state that deliberately changes answers over time (slowed, then 429): the
 * suites compare answers pairwise, so the throttles must stay out of the way (they have
 * their own tests). The document limits are raised so the fuzzer's deep documents are
 * judged on isolation, not size. Unknown keys are ignored by the config loader.
 */
export const RELAXED_LIMITS: Record<string, string> = {
  LOG_LEVEL: 'silent',
  PROBE_LIMIT: '10000000',
  PROBE_SLOW_AFTER: '10000000',
  RATE_LIMIT_OPERATIONS: '10000000',
  RATE_LIMIT_MUTATIONS: '10000000',
  MAX_ALIASES: '10000',
  MAX_TOKENS: '1000000',
  MAX_COST: '100000000',
  MAX_DEPTH: '50',
  MAX_BODY_BYTES: '10485760',
};
