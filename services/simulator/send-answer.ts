import type { ServerResponse } from 'node:http';
import { pause, sendJson, write } from './http-io';
import type { EventStream, WholeAnswer } from './protocol';
import type { ScenarioOptions } from './scenario';

/**
 * Writes a whole answer, paced and broken the way the scenario asks, the same for every protocol (time
 * to first token has passed before this is called). A model takes as long to write a whole answer as
 * to stream it, so the body waits ITL per extra token. Without a stream there are no chunks to stop
 * after: `stall-after` never answers, `cut` drops the connection instead of answering, `malformed`
 * sends half the JSON body.
 */
export async function sendWhole(
  res: ServerResponse,
  answer: WholeAnswer,
  scenario: ScenarioOptions,
  headers: Record<string, string>,
) {
  if (scenario.stallAfter !== undefined) return;
  await pause(scenario.itlMs * Math.max(0, answer.completionTokens - 1), res);
  if (res.destroyed) return;
  if (scenario.cutAfter !== undefined) return void res.destroy();
  const json = scenario.malformed ? answer.json.slice(0, Math.floor(answer.json.length / 2)) : answer.json;
  sendJson(res, 200, json, headers);
}

/**
 * Writes a streamed answer, paced by the scenario's inter-token latency and broken the way it asks:
 * `cut` and `stall-after` stop after that many steps (dropping the connection, or holding it open),
 * `malformed` corrupts the first step.
 */
export async function sendStream(
  res: ServerResponse,
  stream: EventStream,
  scenario: ScenarioOptions,
  headers: Record<string, string>,
) {
  res.writeHead(200, headers);
  const halt = scenario.cutAfter ?? scenario.stallAfter;
  if (halt === undefined && scenario.itlMs === 0 && !scenario.malformed) {
    return void res.end([...stream.opening, ...stream.steps, ...stream.closing].join(''));
  }
  const steps = scenario.malformed ? corruptFirstStep(stream.steps) : stream.steps;
  const sent = halt === undefined ? steps : steps.slice(0, halt);
  const delivered = await writePaced(res, stream.opening, sent, scenario.itlMs);
  if (!delivered) return;
  if (halt === undefined) return void res.end(stream.closing.join(''));
  if (scenario.cutAfter !== undefined) res.destroy();
  // After `stall-after` the response stays open: the client's timeout or the simulator's close ends it.
}

/**
 * The opening events and the first step leave together (that moment is the time to first token); each
 * later step waits the inter-token latency. False when the client went away midway.
 */
async function writePaced(res: ServerResponse, opening: string[], steps: string[], itlMs: number) {
  await write(res, [...opening, ...steps.slice(0, 1)].join(''));
  for (const step of steps.slice(1)) {
    await pause(itlMs, res);
    if (res.destroyed) return false;
    await write(res, step);
  }
  return !res.destroyed;
}

/**
 * Half the JSON of the first content event is what a proxy that mangles a stream produces:
 * `data: {"id":"chatcmpl-…` and no more, with the event's framing intact.
 */
function corruptFirstStep(steps: string[]): string[] {
  if (steps.length === 0) return steps;
  const corrupted = steps[0].replace(
    /^data: (.*)$/m,
    (_line, json: string) => `data: ${json.slice(0, Math.floor(json.length / 2))}`,
  );
  return [corrupted, ...steps.slice(1)];
}
