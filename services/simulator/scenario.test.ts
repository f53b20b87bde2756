import { createFailurePolicy, DEFAULT_SCENARIO, parseScenarioOptions, parseScenarioPath } from './scenario';

describe('parseScenarioPath', () => {
  it('leaves a path without a prefix alone', () => {
    expect(parseScenarioPath('/v1/chat/completions')).toEqual({
      path: '/v1/chat/completions',
      key: '',
      overrides: {},
    });
  });

  it('splits the options from the real path', () => {
    expect(parseScenarioPath('/scenario/fail=429,ttft=50/v1/chat/completions')).toEqual({
      path: '/v1/chat/completions',
      key: 'fail=429,ttft=50',
      overrides: { failStatus: 429, ttftMs: 50 },
    });
  });

  it('reads %-encoded commas', () => {
    expect(parseScenarioPath('/scenario/itl=5%2Ccut=2/v1/models')).toMatchObject({
      overrides: { itlMs: 5, cutAfter: 2 },
    });
  });

  it('rejects a prefix with nothing after it', () => {
    expect(parseScenarioPath('/scenario/stall')).toHaveProperty('error');
  });

  it('finds the real path after a replay option, slash and all', () => {
    expect(parseScenarioPath('/scenario/itl=5,replay=anthropic/anthropic-json-tool.1/v1/messages')).toEqual({
      path: '/v1/messages',
      key: 'itl=5,replay=anthropic/anthropic-json-tool.1',
      overrides: { itlMs: 5, replay: { family: 'anthropic', name: 'anthropic-json-tool.1' } },
    });
    expect(
      parseScenarioPath('/scenario/replay=gemini%2Fgoogle-text/v1beta/models/m:generateContent'),
    ).toMatchObject({
      path: '/v1beta/models/m:generateContent',
      overrides: { replay: { family: 'gemini', name: 'google-text' } },
    });
  });

  it('keeps the real path beside an option error, so the error can take its protocol shape', () => {
    expect(parseScenarioPath('/scenario/slow/v1beta/models/m:generateContent')).toEqual({
      error: expect.stringMatching(/Unknown scenario option 'slow'/),
      path: '/v1beta/models/m:generateContent',
    });
  });
});

describe('parseScenarioOptions', () => {
  it.each([
    ['stall', { stall: true }],
    ['malformed', { malformed: true }],
    ['stall-after=2', { stallAfter: 2 }],
    ['cut=0', { cutAfter: 0 }],
    ['itl=10, ttft=20', { itlMs: 10, ttftMs: 20 }],
    ['fail=503,fail-every=3', { failStatus: 503, failEvery: 3 }],
    ['replay=openai/openai-text', { replay: { family: 'openai', name: 'openai-text' } }],
    ['empty, no-usage', { empty: true, noUsage: true }],
    ['', {}],
  ])('%s', (text, expected) => {
    expect(parseScenarioOptions(text)).toEqual(expected);
  });

  it.each([
    ['slow', /Unknown scenario option 'slow'/],
    ['fail=200', /'fail=200': expected an integer from 400 to 599/],
    ['ttft=-1', /expected an integer/],
    ['cut', /expected an integer/],
    ['stall=1', /takes no value/],
    ['no-usage=yes', /takes no value/],
    ['replay=openai', /expected <family>\/<fixture name>/],
    ['replay=bedrock/x', /family one of openai, deepseek, groq, mistral, xai, anthropic, gemini/],
    ['replay=openai/../secrets', /expected <family>\/<fixture name>/],
    ['replay=openai/.hidden', /'.hidden' is not a fixture file name/],
  ])('rejects %s', (text, message) => {
    expect(parseScenarioOptions(text)).toMatch(message);
  });
});

describe('createFailurePolicy', () => {
  it('fails every request with fail alone', () => {
    const failureStatus = createFailurePolicy();
    const options = { ...DEFAULT_SCENARIO, failStatus: 429 };
    expect([1, 2].map(() => failureStatus(options, 'k'))).toEqual([429, 429]);
  });

  it('fails every n-th request per scenario with fail-every, 500 unless told', () => {
    const failureStatus = createFailurePolicy();
    const options = { ...DEFAULT_SCENARIO, failEvery: 2 };
    expect([1, 2, 3, 4].map(() => failureStatus(options, 'a'))).toEqual([undefined, 500, undefined, 500]);
    expect(failureStatus(options, 'b')).toBeUndefined();
  });

  it('never fails without options', () => {
    expect(createFailurePolicy()(DEFAULT_SCENARIO, '')).toBeUndefined();
  });
});
