import { assignmentHeader, ATTEMPT_HEADER, type AttemptAssignment } from './chat-job';
import type { PlannedAttempt } from './route-plan';

const endpoint = {
  providerId: 'sim',
  providerName: 'Simulator',
  upstreamModel: 'echo',
  pricing: { prompt: 0, completion: 0, request: 0 },
};
const planned: PlannedAttempt = { model: 'test/echo', subject: 'sy.provider.sim.chat', endpoint };

describe('assignmentHeader', () => {
  it.each([
    ['a plain attempt', planned, 2, { attempt: 2, model: 'test/echo', endpoint }],
    [
      "a preset variant's parameters",
      { ...planned, parameters: { temperature: 0 } },
      0,
      { attempt: 0, model: 'test/echo', endpoint, parameters: { temperature: 0 } },
    ],
  ])('carries %s, and nothing of the routing', (_case, attempt, index, expected: AttemptAssignment) => {
    const header = assignmentHeader(index, attempt);
    expect(Object.keys(header)).toEqual([ATTEMPT_HEADER]);
    expect(JSON.parse(header[ATTEMPT_HEADER])).toEqual(expected);
  });
});
