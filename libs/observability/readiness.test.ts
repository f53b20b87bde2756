import { readinessReport } from './readiness';

describe('readinessReport', () => {
  it('is ready when every check passes, naming each', async () => {
    expect(
      await readinessReport([
        { name: 'nats', check: () => true },
        { name: 'postgres', check: async () => true },
      ]),
    ).toEqual({ status: 'ready', checks: { nats: 'ok', postgres: 'ok' } });
  });

  it('is not ready when one fails, throws or hangs', async () => {
    jest.useFakeTimers();
    const report = readinessReport([
      { name: 'nats', check: () => true },
      { name: 'postgres', check: () => Promise.reject(new Error('refused')) },
      { name: 'consumer', check: () => new Promise<boolean>(() => undefined) },
      { name: 'subscriptions', check: () => false },
    ]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(await report).toEqual({
      status: 'not ready',
      checks: { nats: 'ok', postgres: 'failing', consumer: 'failing', subscriptions: 'failing' },
    });
    jest.useRealTimers();
  });
});
