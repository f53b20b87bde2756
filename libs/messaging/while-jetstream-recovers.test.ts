import { JetStreamApiError } from '@nats-io/jetstream';
import { NoRespondersError, TimeoutError } from '@nats-io/transport-node';
import { isUnavailable, whileJetStreamRecovers } from './while-jetstream-recovers';

const unavailable503 = new JetStreamApiError({
  code: 503,
  err_code: 10008,
  description: 'JetStream system temporarily unavailable',
});

describe('isUnavailable', () => {
  it.each([
    ['a timeout', new TimeoutError()],
    ['no responders', new NoRespondersError('$JS.API.INFO')],
    ['a 503', unavailable503],
    ['a timeout as the cause', new Error('stream info failed', { cause: new TimeoutError() })],
  ])('takes %s for JetStream not answering yet', (_what, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'a stream that is not there',
      new JetStreamApiError({ code: 404, err_code: 10059, description: 'stream not found' }),
    ],
    [
      'a bad request',
      new JetStreamApiError({
        code: 400,
        err_code: 10074,
        description: 'replicas > 1 not supported in non-clustered mode',
      }),
    ],
    ['anything else', new Error('boom')],
    ['not an error', 'timeout'],
  ])('takes %s for an answer', (_what, error) => {
    expect(isUnavailable(error)).toBe(false);
  });
});

describe('whileJetStreamRecovers', () => {
  it('retries while JetStream is not answering, then gives what the call gives', async () => {
    let calls = 0;
    const call = async () => {
      calls++;
      if (calls < 3) throw new TimeoutError();
      return 'stream';
    };
    await expect(whileJetStreamRecovers(call)).resolves.toBe('stream');
    expect(calls).toBe(3);
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    const refused = new JetStreamApiError({ code: 400, err_code: 10074, description: 'bad' });
    await expect(
      whileJetStreamRecovers(async () => {
        calls++;
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);
  });

  it('gives up with the last error past its time', async () => {
    const started = Date.now();
    await expect(
      whileJetStreamRecovers(async () => {
        throw unavailable503;
      }, 250),
    ).rejects.toBe(unavailable503);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
