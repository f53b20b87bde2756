import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicProtocol } from './anthropic/anthropic-protocol';
import { geminiProtocol } from './gemini/gemini-protocol';
import { pause, readBody, sendFailure, sendJson } from './http-io';
import { openAIProtocol } from './openai/openai-protocol';
import type { Generation, Protocol } from './protocol';
import { defaultFixturesDir, rawEventStream, readRecording } from './recorded-response';
import {
  createFailurePolicy,
  DEFAULT_SCENARIO,
  parseScenarioPath,
  type ReplayTarget,
  type ScenarioOptions,
} from './scenario';
import { sendStream, sendWhole } from './send-answer';

/**
 * A stand-in for a provider on loopback, for tests, benchmarks and the local stack. It speaks three
 * protocols, chosen by path:
 * - OpenAI: `POST /v1/chat/completions`, `POST /v1/embeddings`, `GET /v1/models`;
 * - Anthropic: `POST /v1/messages`;
 * - Gemini: `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`,
 *   `:embedContent` and `:batchEmbedContents`.
 * Replies echo the request (reply.ts); embeddings are a hash of each text (embedding-vector.ts).
 * Plain node:http with no per-request work beyond the answer: it is the upstream of latency benchmarks.
 */
export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Behaviour for every request; a `/scenario/<opts>` path prefix overrides it per request. */
  defaults?: Partial<ScenarioOptions>;
  /**
   * When set, requests need this key where the protocol carries it (`Authorization: Bearer`,
   * `x-api-key`, `x-goog-api-key` or `?key=`), as a real provider would.
   */
  apiKey?: string;
  /** Where `replay=` finds recordings; by default `SWITCHYARD_FIXTURES` or test/fixtures/providers. */
  fixturesDir?: string;
}

export interface RunningSimulator {
  /** `http://host:port`, without `/v1`. */
  url: string;
  /** Stops listening and destroys open sockets, stalled streams included. */
  close(): Promise<void>;
}

interface SimulatorContext {
  defaults: ScenarioOptions;
  apiKey?: string;
  fixturesDir: string;
  failureStatus: (options: ScenarioOptions, key: string) => number | undefined;
}

/** Longer than HTTP clients keep idle connections (undici: 4 s), so the client, not us, closes them. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const context: SimulatorContext = {
    defaults: { ...DEFAULT_SCENARIO, ...options.defaults },
    apiKey: options.apiKey,
    fixturesDir: options.fixturesDir ?? defaultFixturesDir(),
    failureStatus: createFailurePolicy(),
  };
  const server = createServer({ noDelay: true }, (req, res) => handle(req, res, context));
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  const port = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, close: () => close(server) };
}

function handle(req: IncomingMessage, res: ServerResponse, context: SimulatorContext): void {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const pathname = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1));
  const scenarioPath = parseScenarioPath(pathname);
  const protocol = protocolFor(scenarioPath.path ?? pathname);
  if ('error' in scenarioPath) return sendFailure(res, protocol.invalidRequest(scenarioPath.error));
  const { path, key, overrides } = scenarioPath;
  const scenario = key === '' ? context.defaults : { ...context.defaults, ...overrides };
  respond(req, res, { protocol, path, query, scenario, scenarioKey: key }, context).catch((error: unknown) =>
    answerInternalError(res, protocol, error),
  );
}

interface RoutedRequest {
  protocol: Protocol;
  /** Without the scenario prefix. */
  path: string;
  query: URLSearchParams;
  scenario: ScenarioOptions;
  scenarioKey: string;
}

/** Access checks, then the scenario (stall, time to first token, failure), then the endpoint itself. */
async function respond(
  req: IncomingMessage,
  res: ServerResponse,
  { protocol, path, query, scenario, scenarioKey }: RoutedRequest,
  context: SimulatorContext,
) {
  const method = req.method ?? 'GET';
  const denied = protocol.checkAccess({ headers: req.headers, query, apiKey: context.apiKey });
  if (denied) return sendFailure(res, denied);
  const route = protocol.route(method, path, query);
  if (!route) return sendFailure(res, protocol.notFound(method, path));
  const body = route.kind === 'generation' ? await readBody(req) : '';
  // Accepted and never answered: the client's own timeout, or close(), ends the request.
  if (scenario.stall) return;
  await pause(scenario.ttftMs, res);
  if (res.destroyed) return;
  const failStatus = context.failureStatus(scenario, scenarioKey);
  if (failStatus !== undefined) return sendFailure(res, protocol.simulatedFailure(failStatus));
  if (route.kind === 'listing') return sendJson(res, 200, route.json, protocol.jsonHeaders);
  const generation = route.parse(body);
  if ('failure' in generation) return sendFailure(res, generation.failure);
  if (scenario.replay) {
    if (route.replayable === false) {
      return sendFailure(res, protocol.invalidRequest(`replay= has no recordings for ${method} ${path}`));
    }
    return sendRecording(res, protocol, generation.stream, scenario.replay, scenario, context.fixturesDir);
  }
  return sendGeneration(res, protocol, generation, scenario);
}

function sendGeneration(
  res: ServerResponse,
  protocol: Protocol,
  generation: Generation,
  scenario: ScenarioOptions,
) {
  const shape = { empty: scenario.empty, usage: !scenario.noUsage };
  return generation.stream
    ? sendStream(res, generation.answer(shape), scenario, protocol.sseHeaders)
    : sendWhole(res, generation.answer(shape), scenario, protocol.jsonHeaders);
}

/** The request was valid for the protocol; the answer is a real provider's, byte for byte. */
async function sendRecording(
  res: ServerResponse,
  protocol: Protocol,
  stream: boolean,
  target: ReplayTarget,
  scenario: ScenarioOptions,
  fixturesDir: string,
) {
  const { family, name } = target;
  if (!protocol.families.includes(family)) {
    const families = protocol.families.join(', ');
    const message = `replay=${family}/${name} is not a recording of this endpoint's protocol (${families})`;
    return sendFailure(res, protocol.invalidRequest(message));
  }
  const recording = await readRecording(fixturesDir, target, stream);
  if (res.destroyed) return;
  if ('missing' in recording) return sendFailure(res, protocol.invalidRequest(recording.missing));
  if (recording.kind === 'json') {
    return sendWhole(res, { json: recording.text, completionTokens: 0 }, scenario, protocol.jsonHeaders);
  }
  const events =
    recording.kind === 'sse' ? rawEventStream(recording.text) : protocol.frameRecording(recording.lines);
  return sendStream(res, events, scenario, protocol.sseHeaders);
}

/** Gemini lives under `/v1beta/`, Anthropic at `/v1/messages`; everything else is answered as OpenAI. */
function protocolFor(path: string): Protocol {
  if (path.startsWith('/v1beta/')) return geminiProtocol;
  if (path === '/v1/messages' || path.startsWith('/v1/messages/')) return anthropicProtocol;
  return openAIProtocol;
}

/** A bug in the simulator must not look like a hang to the test that met it. */
function answerInternalError(res: ServerResponse, protocol: Protocol, error: unknown): void {
  if (res.destroyed) return;
  if (res.headersSent) return void res.destroy();
  const message = `Simulator error: ${error instanceof Error ? error.message : String(error)}`;
  sendFailure(res, protocol.serverError(message));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
