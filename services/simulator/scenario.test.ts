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
});

describe('parseScenarioOptions', () => {
  it.each([
    ['stall', { stall: true }],
    ['malformed', { malformed: true }],
    ['stall-after=2', { stallAfter: 2 }],
    ['cut=0', { cutAfter: 0 }],
    ['itl=10, ttft=20', { itlMs: 10, ttftMs: 20 }],
    ['fail=503,fail-every=3', { failStatus: 503, failEvery: 3 }],
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
