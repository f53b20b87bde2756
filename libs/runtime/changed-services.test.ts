import { changedServices } from './changed-services';
import { STACK_SERVICES } from './process-group';

const names = (changed: string[]) => changedServices(changed, STACK_SERVICES).map((s) => s.name);

describe('changedServices', () => {
  it.each([
    ['a service of its own', ['dist/services/router/health/health-book.js'], ['router']],
    ['a worker family', ['dist/services/workers/gemini/main.js'], ['worker-gemini']],
    [
      'two services, in start order',
      ['dist/services/ingress/x.js', 'dist/services/metrics/y.js'],
      ['metrics', 'ingress'],
    ],
    ['shared code: all of them', ['dist/libs/contracts/errors.js'], STACK_SERVICES.map((s) => s.name)],
    [
      'scripts, tests, source maps and declarations: none',
      ['dist/scripts/bench.js', 'dist/test/e2e/a.js', 'dist/libs/a.js.map'],
      [],
    ],
    ['files outside dist: none', ['libs/contracts/errors.ts'], []],
  ])('restarts %s', (_case, changed, expected) => {
    expect(names(changed)).toEqual(expected);
  });
});
