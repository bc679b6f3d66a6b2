import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isStatementsOutOfStep } from '../../../src/db/database-unavailable';
import { ServiceUnavailableError } from '../../../src/errors/errors';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('should recognise a refused, reset or timed-out connection, also when wrapped', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'ENOENT']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
      expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], withCode(code)))).toBe(
        true,
      );
    }
    const both = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]);
    expect(isDatabaseUnavailable(both)).toBe(true);
    expect(isDatabaseUnavailable(new ServiceUnavailableError(withCode('ECONNRESET')))).toBe(true);
  });

  it('should recognise a server shutting down, starting up or full, and connection exceptions', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08P01']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    }
  });

  it('should recognise what node-postgres says of a connection that is gone', () => {
    for (const message of [
      'Connection terminated unexpectedly',
      'Client has encountered a connection error and is not queryable',
      'timeout exceeded when trying to connect',
    ]) {
      expect(isDatabaseUnavailable(new Error(message))).toBe(true);
    }
  });

  it('should not take a statement’s own failure for an outage', () => {
    for (const code of ['23505', '42P01', '57014', '40001', '42P05']) {
      expect(isDatabaseUnavailable(withCode(code))).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe('isStatementsOutOfStep', () => {
  it('should recognise a prepared statement name taken or missing', () => {
    expect(isStatementsOutOfStep(new QueryFailedError('x', [], withCode('42P05')))).toBe(true);
    expect(isStatementsOutOfStep(withCode('26000'))).toBe(true);
    expect(isStatementsOutOfStep(withCode('23505'))).toBe(false);
  });
});
