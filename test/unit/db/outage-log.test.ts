import { createOutageLog } from '../../../src/db/outage-log';
import { captureLog } from '../../support/log-capture';

describe('createOutageLog', () => {
  it('should log an outage once, however many requests fail, and its end once', () => {
    const log = captureLog('info');
    let clock = 1000;
    const outage = createOutageLog(log.logger, () => clock);
    for (let i = 0; i < 50; i += 1) outage.failed(new Error('connect ECONNREFUSED'));
    clock = 4000;
    outage.served(3500);
    outage.served(3600);
    expect(log.events('database_unavailable')).toHaveLength(1);
    expect(log.events('database_available')).toEqual([
      expect.objectContaining({ downMs: 3000, refused: 50 }),
    ]);
  });

  it('should not end an outage on a request that began before it', () => {
    const log = captureLog('info');
    let clock = 1000;
    const outage = createOutageLog(log.logger, () => clock);
    const startedBefore = outage.now();
    clock = 1500;
    outage.failed(new Error('Connection terminated unexpectedly'));
    outage.served(startedBefore);
    expect(log.events('database_available')).toEqual([]);
    outage.failed(new Error('Connection terminated unexpectedly'));
    expect(log.events('database_unavailable')).toHaveLength(1);
  });

  it('should log nothing while the database serves', () => {
    const log = captureLog('info');
    const outage = createOutageLog(log.logger);
    outage.served(outage.now());
    expect(log.lines).toEqual([]);
  });
});
