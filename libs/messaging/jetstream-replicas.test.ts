import { jetstreamReplicas } from './jetstream-replicas';

describe('jetstreamReplicas', () => {
  it('is 1 unless set, and what is set from 1 to 5', () => {
    expect(jetstreamReplicas({})).toBe(1);
    expect(jetstreamReplicas({ SWITCHYARD_JETSTREAM_REPLICAS: '3' })).toBe(3);
  });

  it.each(['0', '6', 'three'])('refuses %p, naming the variable', (value) => {
    expect(() => jetstreamReplicas({ SWITCHYARD_JETSTREAM_REPLICAS: value })).toThrow(
      /SWITCHYARD_JETSTREAM_REPLICAS/,
    );
  });
});
