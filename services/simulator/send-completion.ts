import type { ServerResponse } from 'node:http';
import { pause, sendJson, write } from './http-io';
import {
  chatCompletion,
  newResponseMeta,
  SSE_HEADERS,
  streamEvents,
  type ResponseMeta,
  type StreamEvents,
} from './openai-wire';
import { completeReply, type Completion } from './reply';
import type { ScenarioOptions } from './scenario';
import type { SimulatorRequest } from './validate-request';

/**
 * Writes the answer to a valid request, paced by the scenario's inter-token latency and broken the way
 * it asks (`stall-after`, `cut`, `malformed`). Time to first token has passed before this is called.
 */
export function sendCompletion(res: ServerResponse, request: SimulatorRequest, scenario: ScenarioOptions) {
  const completion = completeReply(request);
  const meta = newResponseMeta(request.model);
  if (request.stream !== true) return sendWhole(res, completion, meta, scenario);
  const includeUsage = request.stream_options?.include_usage === true;
  return sendStream(res, streamEvents(completion, meta, includeUsage), scenario);
}

/**
 * A model takes as long to write a whole answer as to stream it, so the body waits ITL per extra token.
 * Without a stream there are no chunks to stop after: `stall-after` never answers, `cut` drops the
 * connection instead of answering, `malformed` sends half the JSON body.
 */
async function sendWhole(
  res: ServerResponse,
  completion: Completion,
  meta: ResponseMeta,
  scenario: ScenarioOptions,
) {
  if (scenario.stallAfter !== undefined) return;
  await pause(scenario.itlMs * Math.max(0, completion.usage.completionTokens - 1), res);
  if (res.destroyed) return;
  if (scenario.cutAfter !== undefined) return void res.destroy();
  const json = JSON.stringify(chatCompletion(completion, meta));
  sendJson(res, 200, scenario.malformed ? json.slice(0, Math.floor(json.length / 2)) : json);
}

async function sendStream(res: ServerResponse, stream: StreamEvents, scenario: ScenarioOptions) {
  res.writeHead(200, SSE_HEADERS);
  const halt = scenario.cutAfter ?? scenario.stallAfter;
  if (halt === undefined && scenario.itlMs === 0 && !scenario.malformed) {
    return void res.end(stream.events.join(''));
  }
  const events = scenario.malformed ? corruptSecondEvent(stream.events) : stream.events;
  const end = halt === undefined ? events.length : 1 + Math.min(halt, stream.contentCount);
  const delivered = await writePaced(res, events.slice(0, end), stream.contentCount, scenario.itlMs);
  if (!delivered) return;
  if (halt === undefined) return void res.end();
  if (scenario.cutAfter !== undefined) res.destroy();
  // After `stall-after` the response stays open: the client's timeout or the simulator's close ends it.
}

/**
 * The opening event and the first token leave together (that moment is the time to first token); each
 * later content event waits the inter-token latency; the closing events follow the last token at once.
 * False when the client went away midway.
 */
async function writePaced(res: ServerResponse, events: string[], contentCount: number, itlMs: number) {
  const lastContent = Math.min(contentCount, events.length - 1);
  await write(res, events.slice(0, 2).join(''));
  for (let i = 2; i <= lastContent; i++) {
    await pause(itlMs, res);
    if (res.destroyed) return false;
    await write(res, events[i]);
  }
  const closing = events.slice(Math.max(2, lastContent + 1));
  if (closing.length > 0) await write(res, closing.join(''));
  return !res.destroyed;
}

/** Half an event is what a proxy that mangles a stream produces: `data: {"id":"chatcmpl-…` and no more. */
function corruptSecondEvent(events: string[]): string[] {
  if (events.length < 2) return events;
  const json = events[1].slice('data: '.length, -2);
  return [events[0], `data: ${json.slice(0, Math.floor(json.length / 2))}\n\n`, ...events.slice(2)];
}
