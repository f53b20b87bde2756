import { acceptsSamplingParameters, messagesHeaders } from './messages-headers';

describe('messagesHeaders', () => {
  it.each<{
    name: string;
    headers: Record<string, string>;
    apiKey: string | undefined;
    stream: boolean;
    expected: Record<string, string>;
  }>([
    {
      name: 'a key and a stream',
      headers: {},
      apiKey: 'sk-ant',
      stream: true,
      expected: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'anthropic-version': '2023-06-01',
        'x-api-key': 'sk-ant',
      },
    },
    {
      name: 'no key (a local server)',
      headers: {},
      apiKey: undefined,
      stream: false,
      expected: {
        'content-type': 'application/json',
        accept: 'application/json',
        'anthropic-version': '2023-06-01',
      },
    },
    {
      name: "the catalog's version and beta, whatever their case",
      headers: { 'Anthropic-Version': '2026-10-21', 'anthropic-beta': 'context-1m-2025-08-07' },
      apiKey: 'sk-ant',
      stream: false,
      expected: {
        'content-type': 'application/json',
        accept: 'application/json',
        'anthropic-version': '2026-10-21',
        'anthropic-beta': 'context-1m-2025-08-07',
        'x-api-key': 'sk-ant',
      },
    },
    {
      name: "the catalog's key header, replacing ours",
      headers: { 'X-Api-Key': 'from-catalog' },
      apiKey: 'sk-ant',
      stream: false,
      expected: {
        'content-type': 'application/json',
        accept: 'application/json',
        'anthropic-version': '2023-06-01',
        'x-api-key': 'from-catalog',
      },
    },
  ])('sends $name', ({ headers, apiKey, stream, expected }) => {
    expect(messagesHeaders({ headers }, apiKey, stream)).toEqual(expected);
  });
});

describe('acceptsSamplingParameters', () => {
  it.each([
    { version: '2023-06-01', expected: true },
    { version: '2026-10-21', expected: false },
    { version: '2027-03-01', expected: false },
    { version: undefined, expected: true },
  ])('says $expected for version $version', ({ version, expected }) => {
    const headers: Record<string, string> = version ? { 'anthropic-version': version } : {};
    expect(acceptsSamplingParameters(headers)).toBe(expected);
  });
});
