import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pause, readBody, sendFailure, sendJson } from './http-io';
import { invalidRequest, invalidUrl, openAIError, simulatedFailure, unauthorized } from './openai-error';
import { MODEL_LIST } from './openai-wire';
import { createFailurePolicy, DEFAULT_SCENARIO, parseScenarioPath, type ScenarioOptions } from './scenario';
import { sendCompletion } from './send-completion';
import { parseChatRequest } from './validate-request';

/**
 * A stand-in for an OpenAI-compatible provider on loopback, for tests, benchmarks and the local stack.
 * Plain node:http with no per-request work beyond the answer: it is the upstream of latency benchmarks.
 */
export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Behaviour for every request; a `/scenario/<opts>` path prefix overrides it per request. */
  defaults?: Partial<ScenarioOptions>;
  /** When set, requests need `Authorization: Bearer <apiKey>`, as a real provider would. */
  apiKey?: string;
}

export interface RunningSimulator {
  /** `http://host:port`, without `/v1`. */
  url: string;
  /** Stops listening and destroys open sockets, stalled streams included. */
  close(): Promise<void>;
}

interface SimulatorContext {
  defaults: ScenarioOptions;
  expectedAuthorization?: string;
  failureStatus: (options: ScenarioOptions, key: string) => number | undefined;
}

type Endpoint = 'chat' | 'models';

const MODEL_LIST_JSON = JSON.stringify(MODEL_LIST);

/** Longer than HTTP clients keep idle connections (undici: 4 s), so the client, not us, closes them. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const context: SimulatorContext = {
    defaults: { ...DEFAULT_SCENARIO, ...options.defaults },
    expectedAuthorization: options.apiKey === undefined ? undefined : `Bearer ${options.apiKey}`,
    failureStatus: createFailurePolicy(),
  };
  const server = createServer({ noDelay: true }, (req, res) => {
    handle(req, res, context).catch((error: unknown) => answerInternalError(res, error));
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  const port = await listen(server, options.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, close: () => close(server) };
}

/** Auth, then the scenario (stall, time to first token, failure), then the endpoint itself. */
async function handle(req: IncomingMessage, res: ServerResponse, context: SimulatorContext) {
  const route = parseScenarioPath(pathOf(req.url ?? '/'));
  if ('error' in route) return sendFailure(res, invalidRequest(route.error));
  const authorization = req.headers.authorization;
  if (context.expectedAuthorization !== undefined && authorization !== context.expectedAuthorization) {
    return sendFailure(res, unauthorized(authorization !== undefined));
  }
  const endpoint = endpointOf(req.method, route.path);
  if (!endpoint) return sendFailure(res, invalidUrl(req.method ?? 'GET', route.path));
  const body = endpoint === 'chat' ? await readBody(req) : '';
  const scenario = route.key === '' ? context.defaults : { ...context.defaults, ...route.overrides };
  // Accepted and never answered: the client's own timeout, or close(), ends the request.
  if (scenario.stall) return;
  await pause(scenario.ttftMs, res);
  if (res.destroyed) return;
  const failStatus = context.failureStatus(scenario, route.key);
  if (failStatus !== undefined) return sendFailure(res, simulatedFailure(failStatus));
  if (endpoint === 'models') return sendJson(res, 200, MODEL_LIST_JSON);
  const parsed = parseChatRequest(body);
  if ('failure' in parsed) return sendFailure(res, parsed.failure);
  return sendCompletion(res, parsed.request, scenario);
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function endpointOf(method: string | undefined, path: string): Endpoint | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return 'chat';
  if (method === 'GET' && path === '/v1/models') return 'models';
  return undefined;
}

/** A bug in the simulator must not look like a hang to the test that met it. */
function answerInternalError(res: ServerResponse, error: unknown): void {
  if (res.destroyed) return;
  if (res.headersSent) return void res.destroy();
  const message = `Simulator error: ${error instanceof Error ? error.message : String(error)}`;
  sendFailure(res, openAIError(500, 'server_error', message));
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
