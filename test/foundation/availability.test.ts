import { isDatabaseUnavailable } from '../../src/db/availability';

const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe('isDatabaseUnavailable', () => {
  it('recognises the driver errors that mean the database is away', () => {
    expect(isDatabaseUnavailable(named('MongoServerSelectionError'))).toBe(true);
    expect(isDatabaseUnavailable(named('MongoNetworkError'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Operation `x.find()` buffering timed out after 10000ms'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: named('MongoNetworkTimeoutError') }))).toBe(
      true,
    );
  });

  it('does not mistake query errors or other failures for an outage', () => {
    expect(isDatabaseUnavailable(named('MongoServerError', 'E11000 duplicate key'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('MongoNetworkError')).toBe(false);
  });
});
