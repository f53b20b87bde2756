import { spawn, type ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { changedServices } from '../libs/runtime/changed-services';
import { STACK_SERVICES } from '../libs/runtime/process-group';
import type { StackSupervisor } from '../libs/runtime/stack-supervisor';

/** A rebuild writes many files: the restart waits until the compiler has been quiet this long. */
const SETTLE_MS = 400;

/**
 * `npm run dev`: the compiler in watch mode, and every service the rebuild touched restarted, one
 * after the other, while the rest of the stack keeps serving. Returns the compiler, to stop with it.
 */
export function watchAndRestart(supervisor: StackSupervisor): ChildProcess {
  const compiler = spawn('tsc', ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Watch mode starts with a whole build, which rewrites every file: only what comes after counts.
  let armed = false;
  compiler.stdout!.on('data', (text: Buffer) => {
    process.stdout.write(text);
    if (text.includes('Watching for file changes')) armed = true;
  });
  let changed: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let restarting = Promise.resolve();
  watch('dist', { recursive: true }, (_event, file) => {
    if (!file || !armed) return;
    changed.push(`dist/${file}`);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const services = changedServices(changed, STACK_SERVICES);
      changed = [];
      restarting = restarting.then(async () => {
        for (const service of services) await supervisor.replace(service).catch(() => undefined);
      });
    }, SETTLE_MS);
  });
  return compiler;
}
