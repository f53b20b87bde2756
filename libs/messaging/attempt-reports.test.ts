import type { AttemptEvent } from '../contracts';
import { AttemptReports, readAttemptEvents, REPORT_WINDOW_MS } from './attempt-reports';

const event = (generationId: string) => ({ generationId, ok: true }) as unknown as AttemptEvent;

let clock: number;
let sent: string[][];
let reports: AttemptReports;

beforeEach(() => {
  jest.useFakeTimers();
  clock = 1_000_000;
  sent = [];
  reports = new AttemptReports(
    (batch) => sent.push(readAttemptEvents(batch).map((e) => e.generationId)),
    () => clock,
  );
});

afterEach(() => jest.useRealTimers());

function advance(ms: number): void {
  clock += ms;
  jest.advanceTimersByTime(ms);
}

it('sends the first outcome after a quiet spell at once', () => {
  reports.add(event('a'));
  expect(sent).toEqual([['a']]);
  advance(REPORT_WINDOW_MS);
  reports.add(event('b'));
  expect(sent).toEqual([['a'], ['b']]);
});

it('gathers the outcomes that follow within the window into one message at its end', () => {
  reports.add(event('a'));
  advance(10);
  reports.add(event('b'));
  reports.add(event('c'));
  expect(sent).toEqual([['a']]);
  advance(REPORT_WINDOW_MS - 11);
  expect(sent).toEqual([['a']]);
  advance(1);
  expect(sent).toEqual([['a'], ['b', 'c']]);
});

it('sends at once when 200 are waiting', () => {
  reports.add(event('first'));
  for (let i = 0; i < 200; i++) reports.add(event(String(i)));
  expect(sent).toHaveLength(2);
  expect(sent[1]).toHaveLength(200);
});

it('flush sends what waits, and nothing when nothing does', () => {
  reports.add(event('a'));
  reports.add(event('b'));
  reports.flush();
  reports.flush();
  expect(sent).toEqual([['a'], ['b']]);
});

it('reads a lone event as well as an array', () => {
  expect(readAttemptEvents(JSON.stringify(event('x')))).toEqual([event('x')]);
  expect(readAttemptEvents(JSON.stringify([event('x'), event('y')]))).toHaveLength(2);
});
