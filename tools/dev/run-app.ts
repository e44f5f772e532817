// Runs a built app with the local dev environment: `tsx tools/dev/run-app.ts user [migrate]`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@wealist/config';
import { appEnv, ensureDevEnv, ROOT } from './dev-env';

async function main(): Promise<void> {
  const [app, ...args] = process.argv.slice(2);
  if (!SERVICE_NAMES.includes(app as ServiceName)) throw new Error(`unknown app "${app}"`);
  const env = appEnv(app as ServiceName, await ensureDevEnv(console.log));
  const child = spawn(process.execPath, ['--no-node-snapshot', join(ROOT, 'dist/apps', app, 'main.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 1));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
