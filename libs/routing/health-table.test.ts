import { HealthTableView, type HealthTableRow } from './health-table';

const row = (overrides: Partial<HealthTableRow> = {}): HealthTableRow => ({
  providerId: 'acme',
  model: 'acme/model-1',
  requests: 20,
  errorRate: 0.1,
  ttftP50Ms: 120,
  ttftP90Ms: 300,
  throughputTps: 50,
  lastOutageAgoMs: null,
  circuit: 'closed',
  ...overrides,
});

let clock: number;
let view: HealthTableView;

beforeEach(() => {
  clock = 1_000_000;
  view = new HealthTableView(() => clock);
});

it('knows nothing before a table arrives', () => {
  expect(view.get('acme', 'acme/model-1')).toBeUndefined();
});

it('answers what the table says, outage times placed on this clock', () => {
  view.apply({ rows: [row({ lastOutageAgoMs: 5000 })] });
  expect(view.get('acme', 'acme/model-1')).toEqual({
    requests: 20,
    errorRate: 0.1,
    ttftP50Ms: 120,
    ttftP90Ms: 300,
    throughputTps: 50,
    lastOutageAt: clock - 5000,
    circuit: 'closed',
  });
  expect(view.get('acme', 'acme/model-2')).toBeUndefined();
});

it('turns an open circuit half-open when its cool-down ends, without waiting for the next table', () => {
  view.apply({ rows: [row({ circuit: 'open', halfOpenInMs: 30_000 })] });
  clock += 29_999;
  expect(view.get('acme', 'acme/model-1')?.circuit).toBe('open');
  clock += 1;
  expect(view.get('acme', 'acme/model-1')?.circuit).toBe('half-open');
});

it('replaces the whole table: an endpoint the router no longer lists is forgotten', () => {
  view.apply({ rows: [row(), row({ providerId: 'beta' })] });
  view.apply({ rows: [row({ providerId: 'beta', circuit: 'open', halfOpenInMs: 1000 })] });
  expect(view.get('acme', 'acme/model-1')).toBeUndefined();
  expect(view.get('beta', 'acme/model-1')?.circuit).toBe('open');
});
