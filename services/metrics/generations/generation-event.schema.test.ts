import { parseGenerationEvent, readGenerationEvents } from './generation-event.schema';
import { sampleGenerationEvent } from './sample-generation-event';

const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
/** What JSON.parse makes of the event as sent (undefined fields gone); a string is taken as JSON text. */
const asReceived = (value: unknown): unknown =>
  JSON.parse(typeof value === 'string' ? value : JSON.stringify(value));

describe('readGenerationEvents', () => {
  it('reads a batch, one result per event, in order', () => {
    const [first, second] = [sampleGenerationEvent(), sampleGenerationEvent()];
    expect(readGenerationEvents(encode([first, { id: 'gen-bad' }, second]))).toEqual([
      { ok: true, event: first },
      { ok: false, reason: expect.stringContaining('createdAt'), id: 'gen-bad' },
      { ok: true, event: second },
    ]);
  });

  it('reads a single event as a batch of one', () => {
    const event = sampleGenerationEvent();
    expect(readGenerationEvents(encode(event))).toEqual([{ ok: true, event }]);
  });

  it('refuses a body that is not JSON', () => {
    expect(readGenerationEvents(encode('{"id":'))).toEqual([{ ok: false, reason: 'body is not JSON' }]);
  });
});

describe('parseGenerationEvent', () => {
  it('accepts a complete event as it is', () => {
    const event = sampleGenerationEvent();
    expect(parseGenerationEvent(asReceived(event))).toEqual({ ok: true, event });
  });

  it('reads an event from before presets as one without preset or variant', () => {
    const { preset: _preset, variant: _variant, ...older } = sampleGenerationEvent();
    expect(parseGenerationEvent(asReceived(older))).toMatchObject({
      ok: true,
      event: { preset: null, variant: null },
    });
  });

  it('reads an event from before usage estimates as counted by its provider', () => {
    const { usageEstimated: _estimated, ...older } = sampleGenerationEvent();
    expect(parseGenerationEvent(asReceived(older))).toMatchObject({
      ok: true,
      event: { usageEstimated: false },
    });
  });

  it('keeps an estimated usage as such', () => {
    const event = sampleGenerationEvent({ usageEstimated: true });
    expect(parseGenerationEvent(asReceived(event))).toEqual({ ok: true, event });
  });

  it('keeps the preset and variant an event carries', () => {
    const event = sampleGenerationEvent({ preset: 'support-bot', variant: 'cheap' });
    expect(parseGenerationEvent(asReceived(event))).toEqual({ ok: true, event });
  });

  it.each([
    ['JSON that is not an object', '42', 'body: Invalid input: expected object, received number', undefined],
    ['an event without id', { ...sampleGenerationEvent(), id: undefined }, 'id: Invalid input', undefined],
    ['an empty id', sampleGenerationEvent({ id: '' }), 'id: Too small', undefined],
    [
      'negative tokens',
      sampleGenerationEvent({ id: 'gen-1', tokensPrompt: -1 }),
      'tokensPrompt: Too small',
      'gen-1',
    ],
    [
      'a date that is not ISO',
      sampleGenerationEvent({ id: 'gen-2', createdAt: 'yesterday' }),
      'createdAt:',
      'gen-2',
    ],
    ['an unknown status', { ...sampleGenerationEvent({ id: 'gen-3' }), status: 'maybe' }, 'status:', 'gen-3'],
  ])('refuses %s, naming the field', (_case, body, reason, id) => {
    const parsed = parseGenerationEvent(asReceived(body));
    if (parsed.ok) throw new Error('expected a refusal');
    expect(parsed.reason).toContain(reason);
    expect(parsed.id).toBe(id);
  });

  it('fits what Postgres can store: rounds fractional ms and removes NUL characters', () => {
    const event = sampleGenerationEvent({
      latencyMs: 180.6,
      generationTimeMs: 950.2,
      errorMessage: 'bad\u0000byte',
    });
    const parsed = parseGenerationEvent(asReceived(event));
    expect(parsed).toMatchObject({
      ok: true,
      event: { latencyMs: 181, generationTimeMs: 950, errorMessage: 'badbyte' },
    });
  });
});
