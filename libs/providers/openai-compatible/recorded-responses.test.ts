import { createParser } from 'eventsource-parser';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ProviderConfig } from '../../catalog';
import type { ChatJob, FinishReason, Usage } from '../../contracts';
import {
  expectText,
  expectUsage as expectPricedUsage,
  FIXTURES,
  readFixture,
  type TextExpectation,
  type TokenCounts,
} from '../shared/testing/recorded-fixtures';
import { classifyUpstreamError } from './classify-upstream-error';
import { StreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/**
 * Real provider responses (test/fixtures/providers) through the translators:
 * what a client would assemble from our output must be exactly what the provider said.
 */
const OPENAI_COMPATIBLE = ['openai', 'deepseek', 'groq', 'mistral', 'xai'];
const ERROR_BODIES = ['openai/reasoning-model-legacy-parameter-error.json'];
const pricing = { prompt: 1e-6, completion: 2e-6, request: 0 };

function jobFor(fixture: string, stream: boolean, fields: Record<string, unknown> = {}): ChatJob {
  const providerName = fixture.split('/')[0];
  return {
    generationId: 'gen-fixture',
    attempt: 1,
    model: 'author/public-model',
    endpoint: { providerId: providerName, providerName, upstreamModel: 'upstream-model', pricing },
    stream,
    deadline: Date.now() + 60_000,
    request: { model: 'author/public-model', messages: [{ role: 'user', content: 'Hi' }], stream, ...fields },
  };
}

function fixturesEndingWith(suffix: string): string[] {
  return OPENAI_COMPATIBLE.flatMap((dir) =>
    readdirSync(path.join(FIXTURES, dir))
      .filter((file) => file.endsWith(suffix))
      .map((file) => `${dir}/${file}`),
  )
    .filter((fixture) => !ERROR_BODIES.includes(fixture))
    .sort();
}

const read = (fixture: string) => readFixture(fixture);
const expectUsage = (usage: Usage, tokens: TokenCounts) => expectPricedUsage(usage, tokens, pricing);

interface ToolCallExpectation {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

interface StreamExpectation {
  text: TextExpectation;
  reasoning: TextExpectation;
  toolCalls: ToolCallExpectation[];
  finishReason: FinishReason;
  nativeFinishReason: string;
  usage: TokenCounts;
  upstreamId: string;
}

const weather = (index: number, id: string, args: string): ToolCallExpectation => ({
  index,
  id,
  name: 'weather',
  arguments: args,
});

const streams: Record<string, StreamExpectation> = {
  'deepseek/deepseek-reasoning.chunks.txt': {
    text: 'The word "strawberry" contains three "r"s.',
    reasoning: {
      length: 606,
      start: 'We need to count the number of',
      end: 'es, 3.\n\nThus, the answer is 3.',
    },
    toolCalls: [],
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 18, completion: 219, cached: 0, reasoning: 205 },
    upstreamId: 'cac7192e-e619-40c6-96b0-ed4276bc03ac',
  },
  'deepseek/deepseek-text.chunks.txt': {
    text: {
      length: 1855,
      start: '## **Holiday Name:** Starlight Remembran',
      end: '5 minutes of silent looking at',
    },
    reasoning: '',
    toolCalls: [],
    finishReason: 'length',
    nativeFinishReason: 'length',
    usage: { prompt: 13, completion: 400, cached: 0, reasoning: 0 },
    upstreamId: 'f6117a0b-129d-46fa-b239-78f01c2c5df9',
  },
  'deepseek/deepseek-tool-call.chunks.txt': {
    text: '',
    reasoning: {
      length: 191,
      start: 'The user is asking for the wea',
      end: 'ameter set to "San Francisco".',
    },
    toolCalls: [weather(0, 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF', '{"location": "San Francisco"}')],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 339, completion: 83, cached: 320, reasoning: 39 },
    upstreamId: 'cca85624-4056-401f-b220-d77601d1f70d',
  },
  'groq/groq-reasoning.chunks.txt': {
    text: {
      length: 347,
      start: 'The word **"strawberry"** is spelled as ',
      end: '\n**Final Answer**: $\\boxed{3}$',
    },
    reasoning: {
      length: 2952,
      start: 'Okay, let me try to figure out',
      end: 'R\'s in "strawberry" is three.\n',
    },
    toolCalls: [],
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 17, completion: 1107, cached: 0, reasoning: 963 },
    upstreamId: 'chatcmpl-3556c041-562b-471f-9a90-763dbcea5a3f',
  },
  'groq/groq-text.chunks.txt': {
    text: {
      length: 3189,
      start: 'Introducing "Luminaria" - a new holiday ',
      end: 'iation for the magic of light.',
    },
    reasoning: '',
    toolCalls: [],
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 45, completion: 662, cached: 0, reasoning: 0 },
    upstreamId: 'chatcmpl-7eb08824-fb8d-47af-a1f0-3aa786f2d1f3',
  },
  'groq/groq-tool-call.chunks.txt': {
    text: '',
    reasoning: '',
    toolCalls: [weather(0, 'tk85n1k4m', '{}')],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 210, completion: 15, cached: 0, reasoning: 0 },
    upstreamId: 'chatcmpl-b610d559-f156-4aca-8827-24b4fe6af54f',
  },
  'mistral/mistral-incremental-tool-call.chunks.txt': {
    text: '',
    reasoning: '',
    toolCalls: [
      {
        index: 0,
        id: 'chatcmpl-tool-9f149c74c42f265b',
        name: 'webSearchTool',
        arguments: '{"query": "current Berlin weather"}',
      },
    ],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 171, completion: 14, cached: 128, reasoning: 0 },
    upstreamId: '735e434874a24f68a2390b3cab149242',
  },
  'mistral/mistral-text.chunks.txt': {
    text: 'Hello, world! This is a test response.',
    reasoning: '',
    toolCalls: [],
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 13, completion: 8, cached: 0, reasoning: 0 },
    upstreamId: '5319bd0299614c679a0068a4f2c8ffd0',
  },
  'mistral/mistral-tool-call.chunks.txt': {
    text: '',
    reasoning: '',
    toolCalls: [weather(0, 'gSIMJiOkT', '{"location": "San Francisco"}')],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 124, completion: 22, cached: 0, reasoning: 0 },
    upstreamId: 'b3999b8c93e04e11bcbff7bcab829667',
  },
  'openai/openai-text.chunks.txt': {
    text: {
      length: 1724,
      start: '**Holiday Name:** Harmony Day\n\n**Date:**',
      end: 'xperiences and mutual respect.',
    },
    reasoning: '',
    toolCalls: [],
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 16, completion: 300, cached: 0, reasoning: 0 },
    upstreamId: 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0',
  },
  'xai/xai-text.chunks.txt': {
    text: 'Hello',
    reasoning: 'First, the user said',
    toolCalls: [],
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    // xAI counts the 290 reasoning tokens only in total_tokens (303); they are output.
    usage: { prompt: 12, completion: 291, cached: 11, reasoning: 290 },
    upstreamId: '7327b9f5-1c2f-0a15-3fef-c14a71c460d3',
  },
  'xai/xai-tool-call.chunks.txt': {
    text: '',
    reasoning: 'First, the user is',
    toolCalls: [weather(0, 'call_55117580', '{"location":"San Francisco"}')],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 291, completion: 222, cached: 290, reasoning: 196 },
    upstreamId: 'de9d896d-e946-b3a7-bb14-75ab33326930',
  },
};

interface SentChunk {
  id: string;
  object: string;
  created: number;
  model: string;
  provider: string;
  usage?: unknown;
  choices: {
    index: number;
    finish_reason: FinishReason | null;
    native_finish_reason?: string;
    delta: {
      content?: string | null;
      reasoning?: string;
      tool_calls?: {
        index: number;
        id?: string;
        type?: string;
        function: { name?: string; arguments: string };
      }[];
    };
  }[];
}

/** Feeds SSE data strings through a translator and assembles the answer as a client would. */
function replay(job: ChatJob, events: string[]) {
  const translator = new StreamTranslator(job);
  const sent: SentChunk[] = events.flatMap((data) => translator.push(data)).map((chunk) => JSON.parse(chunk));
  const { usageChunk, summary } = translator.finish();
  const toolCalls = new Map<number, ToolCallExpectation>();
  let text = '';
  let reasoning = '';
  for (const choice of sent.flatMap((chunk) => chunk.choices)) {
    text += choice.delta.content ?? '';
    reasoning += choice.delta.reasoning ?? '';
    for (const call of choice.delta.tool_calls ?? []) {
      const assembled = toolCalls.get(call.index) ?? { index: call.index, id: '', name: '', arguments: '' };
      assembled.id = call.id ?? assembled.id;
      assembled.name += call.function.name ?? '';
      assembled.arguments += call.function.arguments;
      toolCalls.set(call.index, assembled);
    }
  }
  return {
    sent,
    usageChunk: JSON.parse(usageChunk),
    summary,
    text,
    reasoning,
    toolCalls: [...toolCalls.values()],
  };
}

function expectEnvelopes(sent: SentChunk[], job: ChatJob): void {
  const created = sent[0].created;
  for (const chunk of sent) {
    expect(chunk).toMatchObject({
      id: job.generationId,
      object: 'chat.completion.chunk',
      created,
      model: job.model,
      provider: job.endpoint.providerName,
    });
    expect(chunk).not.toHaveProperty('usage');
    expect(chunk.choices.length).toBeGreaterThan(0);
  }
}

describe('recorded streams', () => {
  it('has an expectation for every recorded OpenAI-compatible stream', () => {
    expect(fixturesEndingWith('.chunks.txt')).toEqual(Object.keys(streams).sort());
  });

  it.each(Object.entries(streams))('translates %s', (fixture, expected) => {
    const job = jobFor(fixture, true);
    const lines = read(fixture)
      .split('\n')
      .filter((line) => line.trim() !== '');
    const result = replay(job, [...lines, '[DONE]']);

    expectEnvelopes(result.sent, job);
    expectText(result.text, expected.text);
    expectText(result.reasoning, expected.reasoning);
    expect(result.toolCalls).toEqual(expected.toolCalls);
    for (const call of result.toolCalls) expect(() => JSON.parse(call.arguments)).not.toThrow();

    const finishing = result.sent.flatMap((chunk) => chunk.choices).filter((choice) => choice.finish_reason);
    expect(finishing).toEqual([
      expect.objectContaining({
        finish_reason: expected.finishReason,
        native_finish_reason: expected.nativeFinishReason,
      }),
    ]);

    expect(result.usageChunk).toEqual({
      id: job.generationId,
      object: 'chat.completion.chunk',
      created: result.sent[0].created,
      model: job.model,
      provider: job.endpoint.providerName,
      choices: [],
      usage: result.summary.usage,
    });
    expectUsage(result.summary.usage, expected.usage);
    expect(result.summary).toMatchObject({
      finishReason: expected.finishReason,
      nativeFinishReason: expected.nativeFinishReason,
      upstreamId: expected.upstreamId,
    });
  });

  it('translates raw SSE from an OpenAI-compatible proxy whose tool call starts at index 1', () => {
    const fixture = 'openai/openai-compatible-fallback-tool-call.sse';
    const events: string[] = [];
    createParser({ onEvent: (event) => events.push(event.data) }).feed(read(fixture));
    const job = jobFor(fixture, true);
    const before = Math.floor(Date.now() / 1000);
    const result = replay(job, events);

    // The recording stops before the blank line that would dispatch its `[DONE]`, and SSE drops an
    // event left open at the end; the answer must be whole without it.
    expect(events).toHaveLength(8);
    expect(events).not.toContain('[DONE]');
    expectEnvelopes(result.sent, job);
    // The recording's `created` is 0; a real time is stamped instead.
    expect(result.sent[0].created).toBeGreaterThanOrEqual(before);
    expect(result.text).toBe('Reading it.');
    expect(result.reasoning).toBe('');
    expect(result.toolCalls).toEqual([
      { index: 1, id: 'toolu_sanitized', name: 'read_file', arguments: '{"path": "a.txt"}' },
    ]);
    expect(JSON.parse(result.toolCalls[0].arguments)).toEqual({ path: 'a.txt' });
    expect(result.summary).toMatchObject({
      finishReason: 'tool_calls',
      nativeFinishReason: 'tool_calls',
      upstreamId: 'msg_sanitized',
    });
    // The recording carries no usage at all: the gateway counts the prompt ("Hi" and the message's
    // 3 template tokens) and what was delivered (the text, the tool's name and its arguments).
    expectUsage(result.summary.usage, { prompt: 4, completion: 11, reasoning: 0, estimated: true });
  });
});

interface CompletionExpectation {
  content: TextExpectation | null;
  reasoning?: TextExpectation;
  refusal?: null;
  toolCalls?: { id: string; name: string; arguments: string }[];
  finishReason: FinishReason;
  nativeFinishReason: string;
  usage: TokenCounts;
  upstreamId: string;
  created: number;
}

const completions: Record<string, CompletionExpectation> = {
  'deepseek/deepseek-json.json': {
    content: '{\n  "location": "San Francisco",\n  "condition": "cloudy",\n  "temperature": 7\n}',
    reasoning: {
      length: 558,
      start: 'I have the result from the wea',
      end: 'Let me output the JSON object.',
    },
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 495, completion: 144, cached: 320, reasoning: 118 },
    upstreamId: 'f03bc170-b375-4561-9685-35182c8152c5',
    created: 1764681341,
  },
  'deepseek/deepseek-reasoning.json': {
    content:
      'The word "strawberry" contains three instances of the letter "r": one after the "t" and two before the "y".',
    reasoning: {
      length: 935,
      start: `We are asked: "How many 'r's a`,
      end: `'strawberry'?" So answer is 3.`,
    },
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 18, completion: 345, cached: 0, reasoning: 315 },
    upstreamId: '945bb10c-9bf3-47ff-a2a2-43bbe9705c72',
    created: 1764660903,
  },
  'deepseek/deepseek-text.json': {
    content: {
      length: 1375,
      start: '## **Holiday Name: Gratitude of Small Th',
      end: 'vish presents, people exchange',
    },
    finishReason: 'length',
    nativeFinishReason: 'length',
    usage: { prompt: 13, completion: 300, cached: 0, reasoning: 0 },
    upstreamId: '00f10ecd-60b3-4707-b5db-e4bcadf7aea1',
    created: 1764656316,
  },
  'deepseek/deepseek-tool-call.json': {
    content: '',
    reasoning: {
      length: 242,
      start: 'The user is asking for the wea',
      end: ' me call the weather function.',
    },
    toolCalls: [
      { id: 'call_00_9V0vrf86Pc9aelHCJMZqnJBo', name: 'weather', arguments: '{"location": "San Francisco"}' },
    ],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 339, completion: 92, cached: 320, reasoning: 48 },
    upstreamId: '7a630f5b-b7e6-4878-82f8-d77db164d42b',
    created: 1764665845,
  },
  'groq/groq-reasoning.json': {
    content: {
      length: 206,
      start: 'The word "strawberry" contains **3** ins',
      end: 'th positions. \n\n**Answer:** 3.',
    },
    reasoning: {
      length: 1724,
      start: 'Okay, so the user is asking ho',
      end: 's. So the answer should be 3.\n',
    },
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 17, completion: 649, cached: 0, reasoning: 570 },
    upstreamId: 'chatcmpl-73cf8a54-d54e-400c-88b8-603d1a346d96',
    created: 1770770833,
  },
  'groq/groq-text.json': {
    content: {
      length: 2953,
      start: `I'd like to introduce "Luminaria" - a jo`,
      end: ' brighter, more radiant world.',
    },
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 45, completion: 607, cached: 0, reasoning: 0 },
    upstreamId: 'chatcmpl-09d64d2a-ed1c-4473-829f-78db43f45d13',
    created: 1770770798,
  },
  'groq/groq-tool-call.json': {
    content: null,
    toolCalls: [{ id: 'ax9fskhev', name: 'weather', arguments: '{}' }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 218, completion: 15, cached: 0, reasoning: 0 },
    upstreamId: 'chatcmpl-1fd017fc-60b8-44eb-a736-375b8e1bc3e7',
    created: 1770770815,
  },
  'mistral/mistral-text.json': {
    content: {
      length: 1926,
      start: '**Holiday Name: "World Kindness Day of S',
      end: 'e it? What would you share? 😊',
    },
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 13, completion: 434, cached: 0, reasoning: 0 },
    upstreamId: '5319bd0299614c679a0068a4f2c8ffd0',
    created: 1769088720,
  },
  'mistral/mistral-tool-call.json': {
    content: null,
    toolCalls: [{ id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 124, completion: 22, cached: 0, reasoning: 0 },
    upstreamId: 'b3999b8c93e04e11bcbff7bcab829667',
    created: 1769088854,
  },
  'openai/openai-text.json': {
    content: {
      length: 1842,
      start: '**Holiday Name:** Galaxy Day  \n\n**Date:*',
      end: 'up and dream beyond our world.',
    },
    refusal: null,
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    usage: { prompt: 16, completion: 363, cached: 0, reasoning: 0 },
    upstreamId: 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU',
    created: 1770933883,
  },
  'xai/xai-text.json': {
    content: 'Hello',
    reasoning: {
      length: 189,
      start: 'First, the user said: "Say a s',
      end: ' greeting and keeps it simple.',
    },
    refusal: null,
    finishReason: 'stop',
    nativeFinishReason: 'stop',
    // xAI counts the 228 reasoning tokens only in total_tokens (241); they are output.
    usage: { prompt: 12, completion: 229, cached: 2, reasoning: 228 },
    upstreamId: '2af5c888-e886-6dcb-7844-95f8fe010b00',
    created: 1770774046,
  },
  'xai/xai-tool-call.json': {
    content: '',
    reasoning: {
      length: 357,
      start: 'First, the user is asking abou',
      end: "to advance the user's request.",
    },
    refusal: null,
    toolCalls: [{ id: 'call_93562515', name: 'weather', arguments: '{"location":"San Francisco"}' }],
    finishReason: 'tool_calls',
    nativeFinishReason: 'tool_calls',
    usage: { prompt: 291, completion: 215, cached: 244, reasoning: 189 },
    upstreamId: '61c0468b-2a98-413e-f654-dbffcdbb62c1',
    created: 1770774041,
  },
};

describe('recorded completions', () => {
  it('has an expectation for every recorded OpenAI-compatible completion', () => {
    expect(fixturesEndingWith('.json')).toEqual(Object.keys(completions).sort());
  });

  it.each(Object.entries(completions))('translates %s', (fixture, expected) => {
    const job = jobFor(fixture, false);
    const { body, summary } = translateCompletion(job, JSON.parse(read(fixture)));
    const completion = JSON.parse(body);

    expect(completion).toMatchObject({
      id: job.generationId,
      object: 'chat.completion',
      created: expected.created,
      model: job.model,
      provider: job.endpoint.providerName,
    });
    expect(completion.choices).toHaveLength(1);
    const [choice] = completion.choices;
    expect(choice).toMatchObject({
      index: 0,
      finish_reason: expected.finishReason,
      native_finish_reason: expected.nativeFinishReason,
    });

    const { message } = choice;
    expect(Object.keys(message).sort()).toEqual(
      [
        'role',
        'content',
        ...(expected.reasoning ? ['reasoning'] : []),
        ...(expected.refusal !== undefined ? ['refusal'] : []),
        ...(expected.toolCalls ? ['tool_calls'] : []),
      ].sort(),
    );
    expect(message.role).toBe('assistant');
    expectText(message.content, expected.content);
    if (expected.reasoning) expectText(message.reasoning, expected.reasoning);
    if (expected.refusal !== undefined) expect(message.refusal).toBe(expected.refusal);
    if (expected.toolCalls) {
      expect(message.tool_calls).toEqual(
        expected.toolCalls.map(({ id, name, arguments: args }) => ({
          id,
          type: 'function',
          function: { name, arguments: args },
        })),
      );
      for (const call of expected.toolCalls) expect(() => JSON.parse(call.arguments)).not.toThrow();
    }

    expect(completion.usage).toEqual(summary.usage);
    expectUsage(summary.usage, expected.usage);
    expect(summary).toMatchObject({
      finishReason: expected.finishReason,
      nativeFinishReason: expected.nativeFinishReason,
      upstreamId: expected.upstreamId,
    });
  });
});

const REASONING_FIXTURES = Object.keys(streams).filter((fixture) => streams[fixture].reasoning !== '');

describe('recorded reasoning, excluded by the client', () => {
  const excluded = { reasoning: { exclude: true } };

  it.each(REASONING_FIXTURES)('streams %s without its reasoning, the answer and usage intact', (fixture) => {
    const expected = streams[fixture];
    const lines = read(fixture)
      .split('\n')
      .filter((line) => line.trim() !== '');
    const result = replay(jobFor(fixture, true, excluded), [...lines, '[DONE]']);
    expect(result.reasoning).toBe('');
    expectText(result.text, expected.text);
    expect(result.toolCalls).toEqual(expected.toolCalls);
    expectUsage(result.summary.usage, expected.usage);
  });

  it.each(Object.keys(completions).filter((fixture) => completions[fixture].reasoning))(
    'answers %s without its reasoning',
    (fixture) => {
      const { body } = translateCompletion(jobFor(fixture, false, excluded), JSON.parse(read(fixture)));
      const [choice] = JSON.parse(body).choices;
      expect(choice.message).not.toHaveProperty('reasoning');
      expectText(choice.message.content, completions[fixture].content);
    },
  );
});

describe('recorded error bodies', () => {
  const openai: ProviderConfig = {
    id: 'openai',
    name: 'OpenAI',
    family: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    headers: {},
  };

  it("passes OpenAI's legacy max_tokens rejection to the client as a 400", () => {
    const bodyText = read('openai/reasoning-model-legacy-parameter-error.json');
    const error = classifyUpstreamError(400, { 'content-type': 'application/json' }, bodyText, openai);
    expect(error).toMatchObject({
      status: 400,
      retryable: false,
      message:
        "OpenAI rejected the request: Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
    });
    expect(error.metadata).toEqual({ provider_name: 'OpenAI', raw: bodyText, upstream_status: 400 });
  });
});
