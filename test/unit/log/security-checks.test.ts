import { loadConfig } from '../../../src/config';
import { logSecurityChecks } from '../../../src/log/security-checks';
import { captureLog } from '../../support/log-capture';

const PRODUCTION = {
  NODE_ENV: 'production',
  BETTER_AUTH_SECRET: 'a-production-secret-of-at-least-32-chars',
  TRUST_PROXY_HOPS: '1',
};

function checks(env: Record<string, string>) {
  const log = captureLog();
  logSecurityChecks(loadConfig(env), log.logger, {
    rateLimitStore: 'redis',
    secretGenerated: false,
  });
  const [audit, ...warnings] = log.events('security_check');
  return { audit: audit!, warnings: warnings.map((line) => line['check']) };
}

describe('logSecurityChecks', () => {
  it('should report introspection and the playground off in production, with no warning', () => {
    const { audit, warnings } = checks(PRODUCTION);
    expect(audit).toMatchObject({ production: true, introspection: false, landingPage: false });
    expect(warnings).toEqual([]);
  });

  it('should report them on and warn once with STAGING_PLAYGROUND in production', () => {
    const { audit, warnings } = checks({ ...PRODUCTION, STAGING_PLAYGROUND: 'true' });
    expect(audit).toMatchObject({ production: true, introspection: true, landingPage: true });
    expect(warnings).toEqual(['playground']);
  });
});
