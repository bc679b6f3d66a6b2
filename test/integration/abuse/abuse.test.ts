import { TEST_TARGETS } from '../../support/test-database';
import { protectionSummary } from '../../support/protections';
import { auditLogCases } from './audit-log.cases';
import { operationLimitCases } from './operation-limits.cases';
import { probeThrottlingCases } from './probe-throttling.cases';
import { productionSurfaceCases } from './production-surface.cases';
import { rateLimitCases } from './rate-limits.cases';

/**
 * graphql-cop's checks and the OWASP GraphQL cheat sheet against a server started with
 * NODE_ENV=production. One file, so the summary at the end covers every case.
 */
describe.each(TEST_TARGETS)('abuse resistance on $name', (target) => {
  productionSurfaceCases(target);
  operationLimitCases(target);
  rateLimitCases(target);
  probeThrottlingCases(target);
  auditLogCases(target);
});

afterAll(() => {
  console.log(protectionSummary());
});
