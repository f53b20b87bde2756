import { isDatabaseUnreachable, unlessDatabaseDown } from './database-unreachable';

describe('isDatabaseUnreachable', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), true],
    [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      true,
    ],
    [Object.assign(new Error('connection failure'), { code: '08006' }), true],
    [new Error('Connection terminated unexpectedly'), true],
    [Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }), false],
    [Object.assign(new Error('password authentication failed'), { code: '28P01' }), false],
    [undefined, false],
  ])('tells %s apart', (error, unreachable) => {
    expect(isDatabaseUnreachable(error)).toBe(unreachable);
  });

  it('answers a 503 naming what is unavailable, and passes other errors on', async () => {
    const down = Object.assign(new Error('x'), { code: 'ECONNREFUSED' });
    await expect(unlessDatabaseDown('Keys are', () => Promise.reject(down))).rejects.toMatchObject({
      status: 503,
      message: 'Keys are unavailable right now: PostgreSQL is not answering.',
    });
    const wrong = new Error('syntax error');
    await expect(unlessDatabaseDown('Keys are', () => Promise.reject(wrong))).rejects.toBe(wrong);
  });
});
