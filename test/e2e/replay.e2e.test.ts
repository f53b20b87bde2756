import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import OpenAI from 'openai';
import type { ProviderFamily } from '../../libs/catalog';
import type { ChatJob } from '../../libs/contracts';
import {
  anthropicAdapter,
  geminiAdapter,
  openAiCompatibleAdapter,
  type ProviderAdapter,
} from '../../libs/providers';
import { FIXTURES } from '../../libs/providers/shared/testing/recorded-fixtures';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';

jest.setTimeout(120_000);

/**
 * Every recorded provider response, served verbatim by the simulator and driven through the real
 * path (simulator → worker → router/ingress → the openai SDK). The client must see exactly what the
 * family's translation makes of the recording — nothing lost, reordered or altered on the way.
 */
const FAMILY_OF: Record<string, ProviderFamily> = {
  openai: 'openai-compatible',
  deepseek: 'openai-compatible',
  groq: 'openai-compatible',
  mistral: 'openai-compatible',
  xai: 'openai-compatible',
  anthropic: 'anthropic',
  gemini: 'gemini',
};
const ADAPTERS: Record<ProviderFamily, ProviderAdapter> = {
  'openai-compatible': openAiCompatibleAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
};
/** Recorded error bodies: they are classified, not replayed as answers (unit tests cover them). */
const ERROR_BODIES = new Set(['google-429-retry-info.json', 'reasoning-model-legacy-parameter-error.json']);

interface Recording {
  folder: string;
  name: string;
  stream: boolean;
  family: ProviderFamily;
  model: string;
}

const recordings: Recording[] = Object.keys(FAMILY_OF).flatMap((folder) =>
  readdirSync(join(FIXTURES, folder))
    .filter((file) => /\.(chunks\.txt|json|sse)$/.test(file) && !ERROR_BODIES.has(file))
    .map((file) => {
      const name = file.replace(/\.(chunks\.txt|json|sse)$/, '');
      const stream = !file.endsWith('.json');
      return {
        folder,
        name,
        stream,
        family: FAMILY_OF[folder],
        model: `replay/${name}${stream ? '-stream' : ''}`,
      };
    }),
);

const PRICING = { prompt: 1, completion: 2 };

function catalogFor(all: Recording[]): string {
  const providers = all.map((r, i) => {
    const root = r.family === 'gemini' ? 'v1beta' : 'v1';
    return `  r${i}: { name: 'Replay ${r.name}', family: ${r.family}, base_url: '{{SIMULATOR}}/scenario/replay=${r.folder}/${r.name}/${root}' }`;
  });
  const models = all.map(
    (r, i) =>
      `  ${r.model}:\n    name: ${r.name}\n    context_length: 100000\n    endpoints: [{ provider: r${i}, upstream_model: recorded, pricing: { prompt: ${PRICING.prompt}, completion: ${PRICING.completion} } }]`,
  );
  return `providers:\n${providers.join('\n')}\nmodels:\n${models.join('\n')}\n`;
}

/** What a client assembles from an answer: the parts every test compares. */
interface Assembled {
  content: string;
  reasoning: string;
  refusal: string;
  toolCalls: { name: string; arguments: string }[];
  finishReason: string | null;
  usage: { prompt_tokens: number; completion_tokens: number; cost: number } | undefined;
}

type Chunk = {
  choices: {
    delta: {
      content?: string | null;
      reasoning?: string | null;
      refusal?: string | null;
      tool_calls?: { index: number; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason: string | null;
  }[];
  usage?: Assembled['usage'];
};

function assembleChunks(chunks: Chunk[]): Assembled {
  const calls = new Map<number, { name: string; arguments: string }>();
  const result: Assembled = {
    content: '',
    reasoning: '',
    refusal: '',
    toolCalls: [],
    finishReason: null,
    usage: undefined,
  };
  for (const chunk of chunks) {
    result.usage = chunk.usage ?? result.usage;
    for (const choice of chunk.choices) {
      result.content += choice.delta.content ?? '';
      result.reasoning += choice.delta.reasoning ?? '';
      result.refusal += choice.delta.refusal ?? '';
      result.finishReason = choice.finish_reason ?? result.finishReason;
      for (const call of choice.delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { name: '', arguments: '' };
        entry.name += call.function?.name ?? '';
        entry.arguments += call.function?.arguments ?? '';
        calls.set(call.index, entry);
      }
    }
  }
  result.toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  return result;
}

type Completion = {
  choices: {
    message: {
      content?: string | null;
      reasoning?: string | null;
      refusal?: string | null;
      tool_calls?: { function: { name: string; arguments: string } }[];
    };
    finish_reason: string | null;
  }[];
  usage?: Assembled['usage'];
};

function assembleCompletion(completion: Completion): Assembled {
  const { message, finish_reason } = completion.choices[0];
  return {
    content: message.content ?? '',
    reasoning: message.reasoning ?? '',
    refusal: message.refusal ?? '',
    toolCalls: (message.tool_calls ?? []).map((call) => ({ ...call.function })),
    finishReason: finish_reason,
    usage: completion.usage,
  };
}

/** The same bytes the simulator sends, framed as the family's SSE, read as the worker reads them. */
function framedEvents(recording: Recording): { data: string; event?: string }[] {
  const base = join(FIXTURES, recording.folder, recording.name);
  let text: string;
  try {
    text = readFileSync(`${base}.sse`, 'utf8');
  } catch {
    const lines = readFileSync(`${base}.chunks.txt`, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    if (recording.family === 'anthropic') {
      text = lines
        .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
        .join('');
    } else if (recording.family === 'gemini') {
      text = lines.map((line) => `data: ${line}\r\n\r\n`).join('');
    } else {
      text = `${lines.map((line) => `data: ${line}\n\n`).join('')}data: [DONE]\n\n`;
    }
  }
  const events: { data: string; event?: string }[] = [];
  createParser({ onEvent: (event) => events.push({ data: event.data, event: event.event }) }).feed(text);
  return events;
}

function expectedFor(recording: Recording): Assembled {
  const adapter = ADAPTERS[recording.family];
  const job: ChatJob = {
    generationId: 'gen-expected',
    attempt: 0,
    model: recording.model,
    endpoint: {
      providerId: 'expected',
      providerName: 'Expected',
      upstreamModel: 'recorded',
      pricing: { prompt: PRICING.prompt / 1e6, completion: PRICING.completion / 1e6, request: 0 },
    },
    stream: recording.stream,
    deadline: Date.now() + 60_000,
    request: {
      model: recording.model,
      messages: [{ role: 'user', content: 'replay' }],
      stream: recording.stream,
    },
  };
  if (!recording.stream) {
    const body = JSON.parse(readFileSync(join(FIXTURES, recording.folder, `${recording.name}.json`), 'utf8'));
    return assembleCompletion(JSON.parse(adapter.translateCompletion(job, body).body) as Completion);
  }
  const translation = adapter.createStreamTranslation(job);
  const chunks = framedEvents(recording).flatMap((e) => translation.push(e.data, e.event));
  chunks.push(translation.finish().usageChunk);
  return assembleChunks(chunks.map((c) => JSON.parse(c) as Chunk));
}

let stack: TestStack;
let client: OpenAI;

beforeAll(async () => {
  stack = await startTestStack({ catalog: catalogFor(recordings) });
  client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
});

afterAll(async () => {
  await stack?.stop();
});

it('finds recordings of every family', () => {
  expect(new Set(recordings.map((r) => r.family))).toEqual(
    new Set(['openai-compatible', 'anthropic', 'gemini']),
  );
});

it.each(recordings.map((r) => [`${r.folder}/${r.name}${r.stream ? ' (stream)' : ''}`, r] as const))(
  '%s reaches the client as its translation',
  async (_label, recording) => {
    const request = { model: recording.model, messages: [{ role: 'user' as const, content: 'replay' }] };
    let received: Assembled;
    if (recording.stream) {
      const chunks: Chunk[] = [];
      for await (const chunk of await client.chat.completions.create({ ...request, stream: true })) {
        chunks.push(chunk as unknown as Chunk);
      }
      received = assembleChunks(chunks);
    } else {
      received = assembleCompletion((await client.chat.completions.create(request)) as unknown as Completion);
    }
    const expected = expectedFor(recording);
    expect(received).toEqual(expected);
    const answered = received.content + received.reasoning + received.refusal;
    expect(answered.length + received.toolCalls.length).toBeGreaterThan(0);
    expect(received.finishReason).not.toBeNull();
    // Always present, priced from the catalog (zero where a recording carries no usage).
    expect(received.usage).toEqual(expect.objectContaining({ cost: expect.any(Number) }));
  },
);
