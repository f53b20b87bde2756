import { natsServers } from './nats-servers';

describe('natsServers', () => {
  it('reads one server or a comma-separated cluster', () => {
    expect(natsServers('nats://127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']);
    expect(natsServers('nats://a:4222, nats://b:4222,,nats://c:4222')).toEqual([
      'nats://a:4222',
      'nats://b:4222',
      'nats://c:4222',
    ]);
  });
});
