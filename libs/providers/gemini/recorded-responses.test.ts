import { createParser } from 'eventsource-parser';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ProviderConfig } from '../../catalog';
import type { ChatJob, FinishReason, Usage } from '../../contracts';
import {
  expectUsage as expectPricedUsage,
  FIXTURES,
  readFixture,
  type TokenCounts,
} from '../shared/testing/recorded-fixtures';
import { buildGenerateContentRequest } from './build-generate-content-request';
import { classifyGeminiError } from './classify-error';
import { GeminiStreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/**
 * Real Gemini responses (test/fixtures/providers/gemini) through the
 * translators: what a client assembles from our output must be exactly what Gemini said.
 */
const GEMINI = path.join(FIXTURES, 'gemini');
const ERROR_BODIES = ['google-429-retry-info.json'];
const pricing = { prompt: 1e-6, completion: 2e-6, request: 0 };
const provider: ProviderConfig = {
  id: 'google-ai-studio',
  name: 'Google AI Studio',
  family: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  apiKeyEnv: 'GEMINI_API_KEY',
  headers: {},
};

function jobFor(stream: boolean): ChatJob {
  return {
    generationId: 'gen-1764000000-fixture',
    attempt: 1,
    model: 'google/gemini-3-pro-preview',
    endpoint: {
      providerId: provider.id,
      providerName: provider.name,
      upstreamModel: 'gemini-3-pro-preview',
      pricing,
    },
    stream,
    deadline: Date.now() + 60_000,
    request: { model: 'google/gemini-3-pro-preview', messages: [{ role: 'user', content: 'Hi' }], stream },
  };
}

const read = (file: string) => readFixture('gemini', file);
const expectUsage = (usage: Usage, tokens: TokenCounts) => expectPricedUsage(usage, tokens, pricing);
const recorded = (suffix: string) =>
  readdirSync(GEMINI)
    .filter((file) => file.endsWith(suffix) && !ERROR_BODIES.includes(file))
    .sort();
const callId = (index: number) => `call_1764000000-fixture_${index}`;

interface ToolCallExpectation {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

/** A thought signature, by its start and length (they run to thousands of characters). */
interface SignatureExpectation {
  id?: string;
  start: string;
  length: number;
}

interface Expectation {
  content: string | null;
  reasoning: { length: number; start: string; end: string } | '';
  toolCalls: ToolCallExpectation[];
  signatures: SignatureExpectation[];
  finishReason: FinishReason;
  nativeFinishReason: string;
  usage: TokenCounts;
  upstreamId: string;
}

const strawberry = 'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.';
const sanFrancisco = (index: number, name = 'weather') => ({
  index,
  id: callId(index),
  name,
  arguments: '{"location":"San Francisco"}',
});

const streams: Record<string, Expectation> = {
  'google-reasoning.chunks.txt': {
    content: strawberry,
    reasoning: '',
    toolCalls: [],
    signatures: [{ start: 'Eo0HCooHAb4+', length: 1216 }],
    finishReason: 'stop',
    nativeFinishReason: 'STOP',
    usage: { prompt: 9, completion: 285, reasoning: 256 },
    upstreamId: 'dX6LadKVC7SZ28oPr9yJoQs',
  },
  'google-stream-no-args-tool-call.chunks.txt': {
    content: '',
    reasoning: {
      length: 320,
      start: "**Processing User Requests**\n\nI've start",
      end: ' in parallel as instructed.\n\n\n',
    },
    toolCalls: [
      { index: 0, id: callId(0), name: 'read_theme', arguments: '{}' },
      { index: 1, id: callId(1), name: 'read_screen', arguments: '{"id":"A"}' },
      { index: 2, id: callId(2), name: 'read_screen', arguments: '{"id":"B"}' },
      { index: 3, id: callId(3), name: 'read_screen', arguments: '{"id":"C"}' },
    ],
    signatures: [{ id: callId(0), start: 'AY89a18a8/Lo', length: 1060 }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'STOP',
    usage: { prompt: 249, completion: 241, reasoning: 183 },
    upstreamId: '_vr4aYiWEJnYodAPkujX0QM',
  },
  'google-stream-tool-call-arguments.chunks.txt': {
    content: '',
    reasoning: '',
    toolCalls: [
      { index: 0, id: callId(0), name: 'getWeather', arguments: '{"location":"Boston"}' },
      sanFrancisco(1, 'getWeather'),
    ],
    signatures: [{ id: callId(0), start: 'CiMBjz1rX25K', length: 1032 }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'STOP',
    usage: { prompt: 26, completion: 155, reasoning: 132 },
    upstreamId: 'dqHOab6xGLzWodAPkPuViA4',
  },
  'google-text.chunks.txt': {
    content: 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y',
    reasoning: '',
    toolCalls: [],
    signatures: [{ start: 'EqsFCqgFAb4+', length: 916 }],
    finishReason: 'stop',
    nativeFinishReason: 'STOP',
    usage: { prompt: 9, completion: 208, reasoning: 185 },
    upstreamId: 'bH6LaZW8Fp_3nsEPqtaSwQ4',
  },
  'google-tool-call-gemini3.chunks.txt': {
    content: '',
    reasoning: '',
    toolCalls: [sanFrancisco(0)],
    signatures: [{ id: callId(0), start: 'EpEgCo4gAb4+', length: 5488 }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'STOP',
    usage: { prompt: 29, completion: 819, reasoning: 804 },
    upstreamId: 'QHiLaa6LBrb8vdIPoNztsAg',
  },
  'google-tool-call.chunks.txt': {
    content: '',
    reasoning: '',
    toolCalls: [sanFrancisco(0)],
    signatures: [{ id: callId(0), start: 'EqUCCqICAb4+', length: 396 }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'STOP',
    usage: { prompt: 29, completion: 60, reasoning: 45 },
    upstreamId: 'b36LacjwM668nsEP2tbsgQQ',
  },
};

const completions: Record<string, Expectation> = {
  'google-reasoning.json': {
    content: strawberry,
    reasoning: '',
    toolCalls: [],
    signatures: [{ start: 'EvsFCvgFAb4+', length: 100 }],
    finishReason: 'stop',
    nativeFinishReason: 'STOP',
    usage: { prompt: 9, completion: 311, reasoning: 282 },
    upstreamId: 'YH6LaZT7ENmPxN8P-r2J8Aw',
  },
  'google-text.json': {
    content: "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
    reasoning: '',
    toolCalls: [],
    signatures: [{ start: 'EtoFCtcFAb4+', length: 100 }],
    finishReason: 'stop',
    nativeFinishReason: 'STOP',
    usage: { prompt: 9, completion: 272, reasoning: 244 },
    upstreamId: 'Un6LacrVMcjUxs0PmJfWoQc',
  },
  'google-tool-call-gemini3.json': {
    content: null,
    reasoning: '',
    toolCalls: [sanFrancisco(0)],
    signatures: [{ id: callId(0), start: 'Eqo+Cqc+Ab4+', length: 96 }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'STOP',
    usage: { prompt: 29, completion: 1816, reasoning: 1801 },
    upstreamId: 'JniLacKqGqH0xs0P0O776As',
  },
  'google-tool-call.json': {
    content: null,
    reasoning: '',
    toolCalls: [sanFrancisco(0)],
    signatures: [{ id: callId(0), start: 'EskgCsYgAb4+', length: 100 }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'STOP',
    usage: { prompt: 29, completion: 908, reasoning: 893 },
    upstreamId: 'm36LaZGyCLz1xs0PtNSB-QU',
  },
};

interface SentChoice {
  finish_reason: FinishReason | null;
  native_finish_reason?: string;
  delta: {
    role?: string;
    content?: string;
    reasoning?: string;
    reasoning_details?: { type: string; data: string; id?: string; format: string; index: number }[];
    tool_calls?: {
      index: number;
      id?: string;
      type?: string;
      function: { name?: string; arguments: string };
    }[];
  };
}

function expectReasoning(actual: string, expected: Expectation['reasoning']): void {
  if (expected === '') {
    expect(actual).toBe('');
    return;
  }
  expect(actual).toHaveLength(expected.length);
  expect(actual.startsWith(expected.start)).toBe(true);
  expect(actual.endsWith(expected.end)).toBe(true);
}

function expectSignatures(
  details: { type: string; data: string; id?: string; format: string; index: number }[],
  expected: SignatureExpectation[],
): void {
  expect(details).toEqual(
    expected.map((signature, index) => ({
      type: 'reasoning.encrypted',
      data: expect.stringMatching(new RegExp(`^${signature.start.replace(/[+/]/g, '\\$&')}`)),
      ...(signature.id && { id: signature.id }),
      format: 'google-gemini-v1',
      index,
    })),
  );
  details.forEach((detail, index) => expect(detail.data).toHaveLength(expected[index].length));
}

/** SSE as Google frames it (`data: <json>\r\n\r\n`), through the parser the worker uses. */
function sseEvents(fixture: string): string[] {
  const body = read(fixture)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `data: ${line}\r\n\r\n`)
    .join('');
  const events: string[] = [];
  createParser({ onEvent: (event) => events.push(event.data) }).feed(body);
  return events;
}

describe('recorded Gemini streams', () => {
  it('has an expectation for every recorded stream', () => {
    expect(recorded('.chunks.txt')).toEqual(Object.keys(streams).sort());
  });

  it.each(Object.entries(streams))('translates %s', (fixture, expected) => {
    const job = jobFor(true);
    const translator = new GeminiStreamTranslator(job);
    const events = sseEvents(fixture);
    const sent = events.flatMap((data) => translator.push(data)).map((chunk) => JSON.parse(chunk));
    expect(translator.complete).toBe(true);
    const { usageChunk, summary } = translator.finish();

    const choices: SentChoice[] = sent.map((chunk) => chunk.choices[0]);
    for (const chunk of sent) {
      expect(chunk).toMatchObject({
        id: job.generationId,
        object: 'chat.completion.chunk',
        created: sent[0].created,
        model: job.model,
        provider: job.endpoint.providerName,
      });
    }
    expect(choices[0].delta.role).toBe('assistant');
    expect(choices.map((choice) => choice.delta.content ?? '').join('')).toBe(expected.content);
    expectReasoning(choices.map((choice) => choice.delta.reasoning ?? '').join(''), expected.reasoning);
    expectSignatures(
      choices.flatMap((choice) => choice.delta.reasoning_details ?? []),
      expected.signatures,
    );

    const calls = new Map<number, ToolCallExpectation>();
    for (const call of choices.flatMap((choice) => choice.delta.tool_calls ?? [])) {
      const known = calls.get(call.index);
      if (!known) {
        // The first delta of a call names it, with empty arguments, as OpenAI's do.
        expect(call).toEqual({
          index: call.index,
          id: expect.any(String),
          type: 'function',
          function: { name: expect.any(String), arguments: '' },
        });
        calls.set(call.index, {
          index: call.index,
          id: call.id ?? '',
          name: call.function.name ?? '',
          arguments: '',
        });
      } else {
        expect(call.id).toBeUndefined();
        known.arguments += call.function.arguments;
      }
    }
    expect([...calls.values()]).toEqual(expected.toolCalls);
    for (const call of calls.values()) expect(() => JSON.parse(call.arguments)).not.toThrow();

    const finishing = choices.filter((choice) => choice.finish_reason);
    expect(finishing).toEqual([
      {
        index: 0,
        delta: {},
        finish_reason: expected.finishReason,
        native_finish_reason: expected.nativeFinishReason,
      },
    ]);
    expect(choices.at(-1)).toBe(finishing[0]);

    expect(JSON.parse(usageChunk)).toEqual({
      id: job.generationId,
      object: 'chat.completion.chunk',
      created: sent[0].created,
      model: job.model,
      provider: job.endpoint.providerName,
      choices: [],
      usage: summary.usage,
    });
    expectUsage(summary.usage, expected.usage);
    expect(summary).toMatchObject({
      finishReason: expected.finishReason,
      nativeFinishReason: expected.nativeFinishReason,
      upstreamId: expected.upstreamId,
    });
  });
});

describe('recorded Gemini completions', () => {
  it('has an expectation for every recorded completion', () => {
    expect(recorded('.json')).toEqual(Object.keys(completions).sort());
  });

  it.each(Object.entries(completions))('translates %s', (fixture, expected) => {
    const job = jobFor(false);
    const { body, summary } = translateCompletion(job, JSON.parse(read(fixture)));
    const completion = JSON.parse(body);
    expect(completion).toMatchObject({
      id: job.generationId,
      object: 'chat.completion',
      model: job.model,
      provider: job.endpoint.providerName,
    });
    expect(completion.choices).toHaveLength(1);
    const [choice] = completion.choices;
    expect(choice.finish_reason).toBe(expected.finishReason);
    expect(choice.native_finish_reason).toBe(expected.nativeFinishReason);
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content).toBe(expected.content);
    expectReasoning(choice.message.reasoning ?? '', expected.reasoning);
    expectSignatures(choice.message.reasoning_details ?? [], expected.signatures);
    expect(
      (choice.message.tool_calls ?? []).map(
        (
          call: { id: string; type: string; function: { name: string; arguments: string } },
          index: number,
        ) => {
          expect(call.type).toBe('function');
          return { index, id: call.id, name: call.function.name, arguments: call.function.arguments };
        },
      ),
    ).toEqual(expected.toolCalls);
    expect(completion.usage).toEqual(summary.usage);
    expectUsage(summary.usage, expected.usage);
    expect(summary).toMatchObject({
      finishReason: expected.finishReason,
      nativeFinishReason: expected.nativeFinishReason,
      upstreamId: expected.upstreamId,
    });
  });
});

describe('a recorded Gemini 3 tool call, replayed in the next request', () => {
  it('returns the thought signature to its call', () => {
    const recording = JSON.parse(read('google-tool-call-gemini3.json'));
    const { body } = translateCompletion(jobFor(false), recording);
    const { message } = JSON.parse(body).choices[0];
    const next: ChatJob = {
      ...jobFor(false),
      request: {
        model: 'google/gemini-3-pro-preview',
        messages: [
          { role: 'user', content: 'Weather in San Francisco?' },
          message,
          { role: 'tool', tool_call_id: message.tool_calls[0].id, content: '{"temperature":18}' },
        ],
      },
    };
    expect(JSON.parse(buildGenerateContentRequest(next, provider, 'key').body).contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in San Francisco?' }] },
      { role: 'model', parts: [recording.candidates[0].content.parts[0]] },
      { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temperature: 18 } } }] },
    ]);
  });
});

describe('recorded Gemini errors', () => {
  it('reads the wait from the RetryInfo of a 429', () => {
    const error = classifyGeminiError(429, {}, read('google-429-retry-info.json'), provider);
    expect(error).toMatchObject({
      status: 429,
      retryable: true,
      retryAfterMs: 34_400,
      message:
        'Google AI Studio is rate limiting the gateway: You exceeded your current quota, please check your plan.',
      metadata: {
        provider_name: 'Google AI Studio',
        raw: read('google-429-retry-info.json'),
        upstream_status: 429,
      },
    });
  });
});
