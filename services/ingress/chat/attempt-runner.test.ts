import {
  ATTEMPT_HEADER,
  errors,
  GatewayError,
  subjectsFor,
  type AttemptAssignment,
  type AttemptSummary,
  type ChatJobBody,
  type ChatRequest,
  type PlannedAttempt,
  type RetryScope,
  type StoredJobBody,
} from '../../../libs/contracts';
import {
  decodeJson,
  encodeJson,
  MessagingError,
  type Bus,
  type Frame,
  type MessagingFailure,
} from '../../../libs/messaging';
import type { Admission } from '../admission/admission.service';
import type { IngressEnv } from '../config';
import { AttemptRunner, type RunResult } from './attempt-runner';
import type { ChatResponse } from './chat-response';

const subjects = subjectsFor('t');
const GENERATION_ID = 'gen-1';

const endpoint = (providerId: string, providerName: string, upstreamModel = 'model-1'): PlannedAttempt => ({
  model: `acme/${upstreamModel}`,
  subject: subjects.providerChat(providerId),
  endpoint: { providerId, providerName, upstreamModel, pricing: { prompt: 0, completion: 0, request: 0 } },
});
const a = endpoint('a', 'Alpha');
/** Another endpoint of provider a: what condemns a's software condemns it too. */
const a2 = endpoint('a', 'Alpha', 'model-2');
const b = endpoint('b', 'Beta');

const SUMMARY: AttemptSummary = {
  finishReason: 'stop',
  nativeFinishReason: 'stop',
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, cost: 0.001 },
  upstreamId: 'chatcmpl-1',
};
const DELIVERED: AttemptSummary = { ...SUMMARY, finishReason: 'error', upstreamId: 'chatcmpl-cut' };

const chunk = (seq: number, text: string): Frame => ({ kind: 'chunk', seq, data: encodeJson({ text }) });
const done = (seq: number): Frame => ({
  kind: 'done',
  seq,
  data: new Uint8Array(),
  summary: JSON.stringify(SUMMARY),
});
const errorFrame = (seq: number, error: GatewayError, delivered?: AttemptSummary): Frame => ({
  kind: 'error',
  seq,
  data: encodeJson(error.toWire()),
  summary: delivered && JSON.stringify(delivered),
});
const answer = (text: string): Frame[] => [chunk(0, text), done(1)];

const failure = (status: number, retryScope: RetryScope): GatewayError =>
  new GatewayError({ status, message: `upstream said ${status}`, retryable: true, retryScope });

/** What the other end of one stream does: sends these frames, then (optionally) the bus fails. */
interface OtherEnd {
  frames: Frame[];
  thenFails?: MessagingFailure;
  /** The connection to NATS is lost before the failure is noticed. */
  dropsConnection?: boolean;
}

interface Streamed {
  subject: string;
  payload: Uint8Array;
  headers: Record<string, string>;
}

/** The part of Bus the runner uses; each stream plays the next scripted OtherEnd. */
class FakeBus {
  readonly subjects = subjects;
  connected: boolean;
  readonly streamed: Streamed[] = [];
  readonly published: { subject: string; value: unknown }[] = [];
  readonly stored: StoredJobBody[] = [];
  readonly removed: StoredJobBody[] = [];
  storeAnswers = true;

  constructor(
    private readonly otherEnds: OtherEnd[],
    options: { natsDown?: boolean; maxPayload?: number } = {},
  ) {
    this.connected = !options.natsDown;
    this.maxPayload = options.maxPayload ?? 1024 * 1024;
  }

  readonly maxPayload: number;

  readonly jobBodies = {
    put: async (generationId: string): Promise<StoredJobBody> => {
      if (!this.storeAnswers) throw new Error('object store unavailable');
      const stored = { generationId, storedBody: `body-${generationId}` };
      this.stored.push(stored);
      return stored;
    },
    remove: (stored: StoredJobBody): void => void this.removed.push(stored),
  };

  /** A lost connection does not come back within the wait. */
  whenConnected(): Promise<boolean> {
    return Promise.resolve(this.connected);
  }

  stream(subject: string, payload: Uint8Array, _options: unknown, headers: Record<string, string>) {
    this.streamed.push({ subject, payload, headers });
    const otherEnd = this.otherEnds.shift();
    if (!otherEnd) throw new Error(`no other end scripted for stream ${this.streamed.length} (${subject})`);
    return this.play(otherEnd);
  }

  publish(subject: string, value: unknown): void {
    this.published.push({ subject, value });
  }

  reportAttempt(event: unknown): void {
    this.published.push({ subject: subjects.attemptEvent, value: event });
  }

  private async *play({ frames, thenFails, dropsConnection }: OtherEnd): AsyncGenerator<Frame> {
    yield* frames;
    if (dropsConnection) this.connected = false;
    if (thenFails) throw new MessagingError(thenFails, `scripted ${thenFails}`);
  }
}

/** Counts as started once anything was written, as the real one does. */
class FakeResponse {
  readonly written: string[] = [];
  constructor(readonly disconnected = false) {}

  /** Called with the overhead of a whole answer; what it says is gateway-overhead.test.ts's concern. */
  setHeader(): void {}

  get started(): boolean {
    return this.written.length > 0;
  }

  write(data: Uint8Array): void {
    this.written.push(decodeJson<{ text: string }>(data).text);
  }
}

const env = {
  SWITCHYARD_FIRST_TOKEN_TIMEOUT_MS: 10_000,
  SWITCHYARD_STREAM_IDLE_TIMEOUT_MS: 5_000,
  SWITCHYARD_RETRY_ROUNDS: 1,
  SWITCHYARD_NATS_RECONNECT_WAIT_MS: 3_000,
  SWITCHYARD_REQUEST_TIMEOUT_MS: 60_000,
} as IngressEnv;

const admission = (byok: Record<string, unknown> = {}) =>
  ({ principal: { view: { byok, hash: 'key-hash' } } }) as unknown as Admission;

interface RunOptions {
  /** The planned attempts; by default a, then b. */
  plan?: PlannedAttempt[];
  response?: FakeResponse;
  env?: Partial<IngressEnv>;
  byok?: Record<string, unknown>;
}

async function run(
  bus: FakeBus,
  { response = new FakeResponse(), plan = [a, b], ...options }: RunOptions = {},
) {
  const runner = new AttemptRunner(bus as unknown as Bus, { ...env, ...options.env });
  const request = { model: 'acme/model-1', messages: [{ role: 'user', content: 'hi' }] } as ChatRequest;
  const result = await runner.run(
    {
      generationId: GENERATION_ID,
      request,
      plan,
      stream: true,
      deadline: Date.now() + env.SWITCHYARD_REQUEST_TIMEOUT_MS,
      arrivedAt: performance.now(),
      admission: admission(options.byok),
    },
    response as unknown as ChatResponse,
  );
  return { result, outcome: outcomeOf(result, bus, response) };
}

/** Everything a case asserts, in one comparable value. */
function outcomeOf(result: RunResult, bus: FakeBus, response: FakeResponse) {
  const { error } = result;
  return {
    served: result.served && `${result.served.endpoint.providerName} ${result.served.endpoint.upstreamModel}`,
    summary: result.summary,
    error: error && {
      status: error.status,
      // What another try may use; null when the error is final.
      retryScope: error.retryable ? error.retryScope : null,
      retryAfter: error.headers?.['Retry-After'],
      message: error.message,
    },
    attempts: result.attempts.map((r) => `${r.providerName} ${r.upstreamModel} ${r.status}`),
    streamedTo: bus.streamed.map((s) => s.subject),
    cancelled: bus.published
      .filter((p) => p.subject === subjects.cancel(GENERATION_ID))
      .map((p) => (p.value as { attempt?: number }).attempt),
    written: response.written,
  };
}

type Outcome = ReturnType<typeof outcomeOf>;

const servedAnswer = { summary: SUMMARY, error: null, cancelled: [], written: ['hello'] };
const notServed = { served: null, summary: null, written: [] };

describe('AttemptRunner', () => {
  const cases: {
    name: string;
    plan?: PlannedAttempt[];
    otherEnds: OtherEnd[];
    natsDown?: boolean;
    expected: Outcome;
  }[] = [
    {
      name: "serves the answer of the first endpoint's worker",
      otherEnds: [{ frames: answer('hello') }],
      expected: {
        ...servedAnswer,
        served: 'Alpha model-1',
        attempts: ['Alpha model-1 200'],
        streamedTo: [a.subject],
      },
    },
    {
      name: "falls back to the next provider's worker directly after an endpoint failure",
      otherEnds: [{ frames: [errorFrame(0, failure(502, 'endpoint'))] }, { frames: answer('hello') }],
      expected: {
        ...servedAnswer,
        served: 'Beta model-1',
        attempts: ['Alpha model-1 502', 'Beta model-1 200'],
        streamedTo: [a.subject, b.subject],
      },
    },
    {
      name: 'sends the job to the same endpoint again at once when its worker was lost, and cancels the lost one',
      otherEnds: [{ frames: [], thenFails: 'silent' }, { frames: answer('hello') }],
      expected: {
        ...servedAnswer,
        served: 'Alpha model-1',
        attempts: ['Alpha model-1 502', 'Alpha model-1 200'],
        streamedTo: [a.subject, a.subject],
        cancelled: [0],
      },
    },
    {
      name: 'skips every endpoint of a provider that answered something malformed',
      plan: [a, a2, b],
      otherEnds: [{ frames: [errorFrame(0, failure(502, 'provider'))] }, { frames: answer('hello') }],
      expected: {
        ...servedAnswer,
        served: 'Beta model-1',
        attempts: ['Alpha model-1 502', 'Beta model-1 200'],
        streamedTo: [a.subject, b.subject],
      },
    },
    {
      name: 'does not fall back once content reached the client: the error is the answer',
      otherEnds: [{ frames: [chunk(0, 'hel'), errorFrame(1, failure(502, 'endpoint'), DELIVERED)] }],
      expected: {
        served: 'Alpha model-1',
        summary: DELIVERED,
        error: { status: 502, retryScope: 'endpoint', retryAfter: undefined, message: 'upstream said 502' },
        attempts: ['Alpha model-1 502'],
        streamedTo: [a.subject],
        cancelled: [],
        written: ['hel'],
      },
    },
    {
      name: 'answers 503 with Retry-After, sending nothing, while NATS stays down',
      otherEnds: [],
      natsDown: true,
      expected: {
        ...notServed,
        error: {
          status: 503,
          retryScope: null,
          retryAfter: '3',
          message: errors.busDown(3).message,
        },
        attempts: [],
        streamedTo: [],
        cancelled: [],
      },
    },
    {
      name: 'ends at once, without a retry, when a worker was lost with the connection to NATS',
      otherEnds: [{ frames: [], thenFails: 'silent', dropsConnection: true }],
      expected: {
        ...notServed,
        error: {
          status: 503,
          retryScope: null,
          retryAfter: '3',
          message: errors.busDown(3).message,
        },
        attempts: ['Alpha model-1 502'],
        streamedTo: [a.subject],
        cancelled: [0],
      },
    },
  ];

  it.each(cases)('$name', async ({ plan, otherEnds, natsDown, expected }) => {
    const bus = new FakeBus(otherEnds, { natsDown });
    const { outcome } = await run(bus, { plan });
    expect(outcome).toEqual(expected);
    // Every scripted other end was used: no attempt was expected that did not happen.
    expect(bus.streamed).toHaveLength(expected.streamedTo.length);
  });

  it('assigns each attempt to its endpoint, with the same job bytes', async () => {
    const bus = new FakeBus([
      { frames: [errorFrame(0, failure(502, 'endpoint'))] },
      { frames: answer('hello') },
    ]);
    await run(bus);
    const [first, second] = bus.streamed;
    const assignments: AttemptAssignment[] = [
      { attempt: 0, model: a.model, endpoint: a.endpoint },
      { attempt: 1, model: b.model, endpoint: b.endpoint },
    ];
    expect([first, second].map((s) => JSON.parse(s.headers[ATTEMPT_HEADER]))).toEqual(assignments);
    expect(second.payload).toEqual(first.payload);
  });

  it('reports an endpoint no worker serves as an outage, without a cancel, then falls back', async () => {
    const bus = new FakeBus([{ frames: [], thenFails: 'no-responders' }, { frames: answer('hello') }]);
    const { outcome } = await run(bus);
    expect(outcome.attempts).toEqual(['Alpha model-1 503', 'Beta model-1 200']);
    expect(outcome.cancelled).toEqual([]);
    expect(bus.published).toEqual([
      {
        subject: subjects.attemptEvent,
        value: expect.objectContaining({
          generationId: GENERATION_ID,
          attempt: 0,
          providerId: 'a',
          status: 503,
        }),
      },
    ]);
  });

  it('names every provider in the 503 when no endpoint of the plan has a worker, and says when to try again', async () => {
    const bus = new FakeBus([
      { frames: [], thenFails: 'no-responders' },
      { frames: [], thenFails: 'no-responders' },
    ]);
    const { outcome } = await run(bus, { env: { SWITCHYARD_RETRY_ROUNDS: 0 } });
    expect(outcome.error).toEqual(
      expect.objectContaining({
        status: 503,
        retryAfter: '1',
        message: expect.stringMatching(/Alpha: .*Beta: /),
      }),
    );
    expect(outcome.attempts).toEqual(['Alpha model-1 503', 'Beta model-1 503']);
  });

  it('sends nothing for a client that is already gone', async () => {
    const bus = new FakeBus([]);
    const { outcome } = await run(bus, { response: new FakeResponse(true) });
    expect(outcome.error?.status).toBe(499);
    expect(outcome.streamedTo).toEqual([]);
  });

  it.each([
    ['no credential for a key without any', {}, undefined],
    [
      "the key's sealed credentials, under its hash",
      { a: { sealed: 's', alwaysUse: true } },
      { keyHash: 'key-hash', credentials: { a: { sealed: 's', alwaysUse: true } } },
    ],
  ])('sends the job with %s', async (_case, byok, expected) => {
    const bus = new FakeBus([{ frames: answer('hello') }]);
    await run(bus, { byok, plan: [a] });
    const body = decodeJson<ChatJobBody>(bus.streamed[0].payload);
    expect(body.byok).toEqual(expected);
    expect(body.patience).toEqual({ firstTokenMs: 10_000, idleMs: 5_000 });
  });

  describe('with a body too large for one message', () => {
    // No room is left for the body beside the headers, so every body is stored.
    const tinyPayload = 64 * 1024;

    it('sends the name of the stored body instead, and removes it at the end', async () => {
      const bus = new FakeBus([{ frames: answer('hello') }], { maxPayload: tinyPayload });
      const { outcome } = await run(bus, { plan: [a] });
      expect(outcome.served).toBe('Alpha model-1');
      expect(decodeJson(bus.streamed[0].payload)).toEqual(bus.stored[0]);
      expect(bus.removed).toEqual(bus.stored);
    });

    it('answers 503 without any attempt when the store is not answering', async () => {
      const bus = new FakeBus([], { maxPayload: tinyPayload });
      bus.storeAnswers = false;
      const { outcome } = await run(bus);
      expect(outcome.error).toEqual(expect.objectContaining({ status: 503, retryScope: null }));
      expect(outcome.streamedTo).toEqual([]);
    });
  });
});
