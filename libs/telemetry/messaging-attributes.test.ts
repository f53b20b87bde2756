import { natsAttributes } from './messaging-attributes';

describe('natsAttributes', () => {
  it('name the system, subject, operation and queue group', () => {
    expect(natsAttributes('sy.provider.sim.chat', 'process', 'sy.provider.sim')).toEqual({
      'messaging.system': 'nats',
      'messaging.destination.name': 'sy.provider.sim.chat',
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': 'sy.provider.sim',
    });
    expect(natsAttributes('s', 'send')).not.toHaveProperty(['messaging.consumer.group.name']);
  });
});
