import { createParser } from 'eventsource-parser';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ChatJob, ChatRequest, FinishReason } from '../../contracts';
import type { StreamTranslation } from '../provider-adapter';
import { expectText, FIXTURES, readFixture, type TextExpectation } from '../shared/testing/recorded-fixtures';
import { convertMessages } from './convert-messages';
import { AnthropicStreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/**
 * Real Anthropic responses (test/fixtures/providers/anthropic) through the
 * translators: what a client assembles from our output must be exactly what Claude said.
 */
const ANTHROPIC = path.join(FIXTURES, 'anthropic');
const pricing = { prompt: 1e-6, completion: 2e-6, request: 0 };

function jobFor(stream: boolean, request: Partial<ChatRequest>): ChatJob {
  return {
    generationId: 'gen-fixture',
    attempt: 1,
    model: 'anthropic/claude',
    endpoint: {
      providerId: 'anthropic',
      providerName: 'Anthropic',
      upstreamModel: 'claude-sonnet-4-5',
      pricing,
    },
    stream,
    deadline: Date.now() + 60_000,
    request: { model: 'anthropic/claude', messages: [{ role: 'user', content: 'Hi' }], stream, ...request },
  };
}

interface ToolCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

interface Detail {
  type: string;
  text: TextExpectation;
  signature?: TextExpectation;
}

interface Expectation {
  text: TextExpectation | null;
  refusal?: string;
  reasoning: TextExpectation;
  details: Detail[];
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  nativeFinishReason: string;
  usage: { prompt: number; completion: number; reasoning: number };
  upstreamId: string;
}

/** What a client holds once the answer is over, streamed or not. */
interface Assembled {
  text: string | null;
  refusal?: string;
  reasoning: string;
  details: { type: string; text: string; signature?: string }[];
  toolCalls: ToolCall[];
  finishReason: FinishReason | null;
  nativeFinishReason: string | null;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    completion_tokens_details?: { reasoning_tokens?: number };
  };
  upstreamId: string | null;
}

interface StreamedDelta {
  role?: string;
  content?: string;
  refusal?: string;
  reasoning?: string;
  reasoning_details?: { type: string; text?: string; signature?: string; data?: string; index: number }[];
  tool_calls?: { index: number; id?: string; function: { name?: string; arguments: string } }[];
}

const read = (file: string) => readFixture('anthropic', file);

/** Replays a recording as Anthropic frames it (`event: <type>`), as the worker's SSE parser would. */
function replay(file: string, request: Partial<ChatRequest>): Assembled {
  const translator: StreamTranslation = new AnthropicStreamTranslator(jobFor(true, request));
  const chunks: string[] = [];
  const parser = createParser({
    onEvent: (event) => chunks.push(...translator.push(event.data, event.event)),
  });
  for (const line of read(file)
    .split('\n')
    .filter((text) => text.trim() !== '')) {
    parser.feed(`event: ${JSON.parse(line).type}\ndata: ${line}\n\n`);
  }
  expect(translator.complete).toBe(true);
  const { usageChunk, summary } = translator.finish();

  const assembled: Assembled = {
    text: null,
    reasoning: '',
    details: [],
    toolCalls: [],
    finishReason: null,
    nativeFinishReason: null,
    usage: JSON.parse(usageChunk).usage,
    upstreamId: summary.upstreamId,
  };
  const details = new Map<string, Assembled['details'][number]>();
  chunks.forEach((chunk, position) => {
    const { id, model, choices } = JSON.parse(chunk);
    expect({ id, model }).toEqual({ id: 'gen-fixture', model: 'anthropic/claude' });
    const delta: StreamedDelta = choices[0].delta;
    expect(delta.role).toBe(position === 0 ? 'assistant' : undefined);
    if (delta.content !== undefined) assembled.text = (assembled.text ?? '') + delta.content;
    if (delta.refusal !== undefined) assembled.refusal = delta.refusal;
    assembled.reasoning += delta.reasoning ?? '';
    for (const detail of delta.reasoning_details ?? []) {
      const key = `${detail.type}#${detail.index}`;
      const open = details.get(key) ?? { type: detail.type, text: '' };
      open.text += detail.text ?? detail.data ?? '';
      if (detail.signature) open.signature = detail.signature;
      details.set(key, open);
    }
    for (const call of delta.tool_calls ?? []) {
      const open = assembled.toolCalls[call.index] ?? { index: call.index, id: '', name: '', arguments: '' };
      open.id = call.id ?? open.id;
      open.name = call.function.name ?? open.name;
      open.arguments += call.function.arguments;
      assembled.toolCalls[call.index] = open;
    }
    if (choices[0].finish_reason) {
      assembled.finishReason = choices[0].finish_reason;
      assembled.nativeFinishReason = choices[0].native_finish_reason;
    }
  });
  assembled.details = [...details.values()];
  expect(summary.finishReason).toBe(assembled.finishReason);
  return assembled;
}

function complete(file: string, request: Partial<ChatRequest>): Assembled {
  const { body, summary } = translateCompletion(jobFor(false, request), JSON.parse(read(file)));
  const { choices, usage } = JSON.parse(body);
  const message = choices[0].message;
  return {
    text: message.content,
    ...(message.refusal !== undefined && { refusal: message.refusal }),
    reasoning: message.reasoning ?? '',
    details: (message.reasoning_details ?? []).map(
      (detail: { type: string; text?: string; data?: string; signature?: string }) => ({
        type: detail.type,
        text: detail.text ?? detail.data ?? '',
        ...(detail.signature && { signature: detail.signature }),
      }),
    ),
    toolCalls: (message.tool_calls ?? []).map(
      (call: { id: string; function: { name: string; arguments: string } }, index: number) => ({
        index,
        id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
      }),
    ),
    finishReason: choices[0].finish_reason,
    nativeFinishReason: choices[0].native_finish_reason,
    usage,
    upstreamId: summary.upstreamId,
  };
}

const textStreamed =
  "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?";
const jsonToolStreamed =
  '{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]}';
const jsonToolWhole = JSON.stringify({
  elements: [
    { location: 'San Francisco', temperature: -5, condition: 'snowy' },
    { location: 'London', temperature: 0, condition: 'snowy' },
    { location: 'Paris', temperature: 23, condition: 'cloudy' },
    { location: 'Berlin', temperature: -9, condition: 'snowy' },
  ],
});
const refusal =
  "This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.";
const noThinking = { reasoning: '', details: [] };
const jsonObject: Partial<ChatRequest> = { response_format: { type: 'json_object' } };

const cases: { fixture: string; request?: Partial<ChatRequest>; expected: Expectation }[] = [
  {
    fixture: 'anthropic-text.chunks.txt',
    expected: {
      text: textStreamed,
      ...noThinking,
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'end_turn',
      usage: { prompt: 12, completion: 30, reasoning: 0 },
      upstreamId: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
    },
  },
  {
    fixture: 'anthropic-text.json',
    expected: {
      text: "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
      ...noThinking,
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'end_turn',
      usage: { prompt: 12, completion: 29, reasoning: 0 },
      upstreamId: 'msg_01VdEjxAP5ahtHKrrRdNBteQ',
    },
  },
  {
    fixture: 'anthropic-clear-thinking.1.chunks.txt',
    expected: {
      text: '925 ÷ 5 = 185',
      reasoning: 'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
      details: [
        {
          type: 'reasoning.text',
          text: 'The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185',
          signature: { length: 332, start: 'EvQBCkYICxgCKkAxhD4N', end: '/4yzNgvi/EhT6Ca17BgB' },
        },
      ],
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'end_turn',
      usage: { prompt: 69, completion: 53, reasoning: 0 },
      upstreamId: 'msg_01Y6V41gqPaKWEw7iPouH7iW',
    },
  },
  {
    fixture: 'anthropic-clear-thinking.1.json',
    expected: {
      text: '925 ÷ 5 = 185',
      reasoning: '925 divided by 5 = 185',
      details: [
        {
          type: 'reasoning.text',
          text: '925 divided by 5 = 185',
          signature: { length: 260, start: 'Er4BCkYICxgCKkCoxqLH', end: 'q3A3NY+wGsH8MtUIqxRgB' },
        },
      ],
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'end_turn',
      usage: { prompt: 69, completion: 33, reasoning: 0 },
      upstreamId: 'msg_01XrsJCi8CQoLcnnWdY8RsJz',
    },
  },
  {
    fixture: 'anthropic-claude-opus-5-reasoning-high.1.json',
    expected: {
      text: {
        length: 2644,
        start: '## Step 1: Set up the problem\n\nWe want a',
        end: 'ld, independently confirming the answer.',
      },
      reasoning: {
        length: 352,
        start: 'I need to find all roots of this cubic p',
        end: 'degree 3 polynomial has exactly 3 roots.',
      },
      details: [
        {
          type: 'reasoning.text',
          text: { length: 352, start: 'I need to find all roots', end: 'has exactly 3 roots.' },
          signature: { length: 752, start: 'CAISqwQKhwEIEBgCKkAc', end: 'lIdLrLIq9yWz7dcYAQ==' },
        },
      ],
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'end_turn',
      usage: { prompt: 51, completion: 1699, reasoning: 139 },
      upstreamId: 'msg_011CdMNhurHSJCxCC2NB7WYc',
    },
  },
  {
    fixture: 'anthropic-json-tool.1.chunks.txt',
    expected: {
      text: null,
      ...noThinking,
      toolCalls: [
        { index: 0, id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA', name: 'json', arguments: jsonToolStreamed },
      ],
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      usage: { prompt: 849, completion: 47, reasoning: 0 },
      upstreamId: 'msg_01K2JbSUMYhez5RHoK9ZCj9U',
    },
  },
  {
    fixture: 'anthropic-json-tool.1.chunks.txt',
    request: jsonObject,
    expected: {
      text: jsonToolStreamed,
      ...noThinking,
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'tool_use',
      usage: { prompt: 849, completion: 47, reasoning: 0 },
      upstreamId: 'msg_01K2JbSUMYhez5RHoK9ZCj9U',
    },
  },
  {
    fixture: 'anthropic-json-tool.1.json',
    expected: {
      text: null,
      ...noThinking,
      toolCalls: [{ index: 0, id: 'toolu_01Q9ExVZnzZj7E2QQYHYtNUa', name: 'json', arguments: jsonToolWhole }],
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      usage: { prompt: 1151, completion: 87, reasoning: 0 },
      upstreamId: 'msg_0191iYfpERYfS27xLsdW2nbb',
    },
  },
  {
    fixture: 'anthropic-json-tool.1.json',
    request: jsonObject,
    expected: {
      text: jsonToolWhole,
      ...noThinking,
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'tool_use',
      usage: { prompt: 1151, completion: 87, reasoning: 0 },
      upstreamId: 'msg_0191iYfpERYfS27xLsdW2nbb',
    },
  },
  {
    fixture: 'anthropic-message-delta-input-tokens.chunks.txt',
    expected: {
      text: 'pong',
      ...noThinking,
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'end_turn',
      // message_delta's input count (61) corrects message_start's (43).
      usage: { prompt: 61, completion: 2, reasoning: 0 },
      upstreamId: 'msg_3196a1cc08de4d76b85b8f5777c0d42b',
    },
  },
  {
    fixture: 'anthropic-refusal.chunks.txt',
    expected: {
      text: null,
      refusal,
      ...noThinking,
      toolCalls: [],
      finishReason: 'content_filter',
      nativeFinishReason: 'refusal',
      usage: { prompt: 18, completion: 5, reasoning: 0 },
      upstreamId: 'msg_01RefusalStreamAbcdefghijk',
    },
  },
  {
    fixture: 'anthropic-refusal.json',
    expected: {
      text: null,
      refusal,
      ...noThinking,
      toolCalls: [],
      finishReason: 'content_filter',
      nativeFinishReason: 'refusal',
      usage: { prompt: 18, completion: 5, reasoning: 0 },
      upstreamId: 'msg_01RefusalExampleAbcdefghijk',
    },
  },
  {
    fixture: 'anthropic-tool-no-args.chunks.txt',
    expected: {
      text: "I'll update the issue list for you.",
      ...noThinking,
      toolCalls: [
        { index: 0, id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      usage: { prompt: 565, completion: 48, reasoning: 0 },
      upstreamId: 'msg_01GE2RKp1VYsPzdFs3sS9z5S',
    },
  },
  {
    fixture: 'anthropic-tool-no-args.json',
    expected: {
      text: {
        length: 255,
        start: '<thinking>\nThe updateIssueList tool was provided',
        end: 'Okay, I will update the current issue list:',
      },
      ...noThinking,
      toolCalls: [
        { index: 0, id: 'toolu_01LRmxn9vGM1d2DZSDBowdZ1', name: 'updateIssueList', arguments: '{}' },
      ],
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_use',
      usage: { prompt: 602, completion: 93, reasoning: 0 },
      upstreamId: 'msg_01GCBaV8gyWAYgMVggRqZbuQ',
    },
  },
  {
    // A proxy repeated message_start; the answer is the same as without it.
    fixture: 'duplicate-message-start.chunks.txt',
    expected: {
      text: 'Hello, World!',
      ...noThinking,
      toolCalls: [],
      finishReason: 'stop',
      nativeFinishReason: 'end_turn',
      usage: { prompt: 17, completion: 227, reasoning: 0 },
      upstreamId: 'msg_dup',
    },
  },
];

describe('recorded Anthropic responses', () => {
  it('has an expectation for every recording', () => {
    const recordings = readdirSync(ANTHROPIC).filter((file) => /\.(json|chunks\.txt)$/.test(file));
    expect(new Set(cases.map(({ fixture }) => fixture))).toEqual(new Set(recordings));
  });

  it.each(
    cases.map((entry) => ({ ...entry, label: `${entry.fixture}${entry.request ? ' as json_object' : ''}` })),
  )('translates $label exactly', ({ fixture, request, expected }) => {
    const answer = fixture.endsWith('.chunks.txt')
      ? replay(fixture, request ?? {})
      : complete(fixture, request ?? {});
    expectText(answer.text, expected.text);
    expect(answer.refusal).toBe(expected.refusal);
    expectText(answer.reasoning, expected.reasoning);
    expect(answer.details).toHaveLength(expected.details.length);
    answer.details.forEach((detail, index) => {
      expect(detail.type).toBe(expected.details[index].type);
      expectText(detail.text, expected.details[index].text);
      expectText(detail.signature, expected.details[index].signature);
    });
    expect(answer.toolCalls).toEqual(expected.toolCalls);
    expect(answer.finishReason).toBe(expected.finishReason);
    expect(answer.nativeFinishReason).toBe(expected.nativeFinishReason);
    expect(answer.usage).toMatchObject({
      prompt_tokens: expected.usage.prompt,
      completion_tokens: expected.usage.completion,
      completion_tokens_details: { reasoning_tokens: expected.usage.reasoning },
    });
    expect(answer.upstreamId).toBe(expected.upstreamId);
  });
});

describe('reasoning sent back in the next turn', () => {
  it('replays the streamed thinking exactly, signature included, however the client kept the pieces', () => {
    const translator = new AnthropicStreamTranslator(jobFor(true, {}));
    const lines = read('anthropic-clear-thinking.1.chunks.txt')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const streamedDetails = lines
      .flatMap((line) => translator.push(line))
      .flatMap((chunk) => JSON.parse(chunk).choices[0].delta.reasoning_details ?? []);
    const recorded = lines.map((line) => JSON.parse(line));
    const thinking = recorded.map((event) => event.delta?.thinking ?? '').join('');
    const signature = recorded.find((event) => event.delta?.type === 'signature_delta').delta.signature;

    const prompt = convertMessages([
      { role: 'user', content: 'Divide the previous result by 5.' },
      { role: 'assistant', content: '925 ÷ 5 = 185', reasoning_details: streamedDetails },
      { role: 'user', content: 'Thanks' },
    ]);
    expect(prompt.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking, signature },
        { type: 'text', text: '925 ÷ 5 = 185' },
      ],
    });
  });
});
