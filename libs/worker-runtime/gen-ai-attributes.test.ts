import { chatJob } from '../providers/shared/testing/chat-job-fixture';
import { startTiming } from './attempt-timing';
import { genAiRequestAttributes, genAiResponseAttributes } from './gen-ai-attributes';

describe('GenAI span attributes', () => {
  const job = chatJob({
    stream: true,
    request: { model: 'openai/gpt-4.1-nano', messages: [], max_tokens: 100, temperature: 0.2 },
  });

  it('name the operation, provider, model and sampling asked', () => {
    expect(genAiRequestAttributes(job)).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4.1-nano-2025-04-14',
      'gen_ai.request.stream': true,
      'gen_ai.request.max_tokens': 100,
      'gen_ai.request.temperature': 0.2,
    });
    expect(genAiRequestAttributes({ ...job, embeddings: { input: 'x' } as never })).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
    });
  });

  it('say what answered: tokens, finish reason and time to the first chunk, once known', () => {
    const timing = {
      ...startTiming(1000),
      firstTokenAt: 1250,
      promptTokens: 12,
      completionTokens: 30,
      finishReason: 'stop',
    };
    expect(genAiResponseAttributes(job, timing)).toEqual({
      'gen_ai.response.model': 'gpt-4.1-nano-2025-04-14',
      'gen_ai.usage.input_tokens': 12,
      'gen_ai.usage.output_tokens': 30,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.response.time_to_first_chunk': 0.25,
    });
    expect(genAiResponseAttributes(job, startTiming(1000))).toEqual({
      'gen_ai.response.model': 'gpt-4.1-nano-2025-04-14',
    });
  });
});
