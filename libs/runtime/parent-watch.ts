/** Set by the supervisor (ProcessGroup) in the environment of every service it starts: its own pid. */
export const SUPERVISOR_PID_ENV = 'SWITCHYARD_SUPERVISOR_PID';

/**
 * How long a service may take to stop once told to, on either side: the supervisor then kills it
 * (SIGKILL), and a service whose supervisor is gone exits on its own.
 */
export const STOP_GRACE_MS = 10_000;

const CHECK_INTERVAL_MS = 1000;

/** The supervisor's pid, when a supervisor started this process. */
export function supervisorPid(env: NodeJS.ProcessEnv): number | undefined {
  const pid = Number(env[SUPERVISOR_PID_ENV]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Calls `onGone` once, within a second of this process's parent ceasing to be `parentPid`: when a
 * parent dies, the kernel hands its children to init (or a subreaper). Node has no
 * prctl(PR_SET_PDEATHSIG) to be told, so this looks. The timer never keeps the process alive.
 */
export function watchParent(parentPid: number, onGone: () => void, currentParent = () => process.ppid): void {
  const timer = setInterval(() => {
    if (currentParent() === parentPid) return;
    clearInterval(timer);
    onGone();
  }, CHECK_INTERVAL_MS);
  timer.unref();
}

/**
 * In a service started by a supervisor: once the supervisor is gone (killed with SIGKILL, say),
 * stop as though it had said so, rather than live on as an orphan holding its ports.
 */
export function stopWhenOrphaned(): void {
  const pid = supervisorPid(process.env);
  if (pid !== undefined) watchParent(pid, stopSelf);
}

/**
 * SIGTERM, so that the service's own shutdown runs (Nest's hooks, the simulator's close), and no
 * longer than the supervisor would have waited for it.
 */
function stopSelf(): void {
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
}
