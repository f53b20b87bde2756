import { supervisorPid, watchParent } from './parent-watch';

describe('supervisorPid', () => {
  it.each([
    ['a pid', { SWITCHYARD_SUPERVISOR_PID: '4242' }, 4242],
    ['init, in a container', { SWITCHYARD_SUPERVISOR_PID: '1' }, 1],
    ['no supervisor', {}, undefined],
    ['an empty value', { SWITCHYARD_SUPERVISOR_PID: '' }, undefined],
    ['not a number', { SWITCHYARD_SUPERVISOR_PID: 'npm' }, undefined],
    ['not a pid', { SWITCHYARD_SUPERVISOR_PID: '-3' }, undefined],
  ])('reads %s', (_case, env, expected) => {
    expect(supervisorPid(env)).toBe(expected);
  });
});

describe('watchParent', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('calls back once, within a second of the parent changing', () => {
    let parent = 100;
    const onGone = jest.fn();
    watchParent(100, onGone, () => parent);
    jest.advanceTimersByTime(5000);
    expect(onGone).not.toHaveBeenCalled();
    parent = 1;
    jest.advanceTimersByTime(1000);
    expect(onGone).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    expect(onGone).toHaveBeenCalledTimes(1);
  });
});
