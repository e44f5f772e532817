// `nx serve <app>`: webpack in watch mode, and the app restarted after every successful build.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import webpack from 'webpack';
import { SERVICE_NAMES, type ServiceName } from '@wealist/config';
import { appEnv, ensureDevEnv, ROOT } from './dev-env';

const nodeAppConfig = require('../webpack/node-app.config') as (app: string) => webpack.Configuration;

async function main(): Promise<void> {
  const app = process.argv[2] as ServiceName;
  if (!SERVICE_NAMES.includes(app)) throw new Error(`unknown app "${process.argv[2]}"`);
  process.env['NODE_ENV'] = 'development';
  const env = appEnv(app, await ensureDevEnv(console.log));
  let child: ChildProcess | undefined;

  const restart = async () => {
    const previous = child;
    if (previous && previous.exitCode === null) {
      const exited = new Promise((r) => previous.once('exit', r));
      previous.kill('SIGTERM');
      await exited;
    }
    child = spawn(process.execPath, ['--no-node-snapshot', '--enable-source-maps', join(ROOT, 'dist/apps', app, 'main.js')], {
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
  };

  const watcher = webpack(nodeAppConfig(app)).watch({ aggregateTimeout: 300 }, (err, stats) => {
    if (err || stats?.hasErrors()) {
      console.error(err?.message ?? stats?.toString('errors-only'));
      return;
    }
    console.log(`[serve] ${app} built in ${stats ? stats.endTime - stats.startTime : '?'} ms, (re)starting`);
    void restart();
  });

  const stop = () => {
    watcher?.close(() => undefined);
    if (child && child.exitCode === null) child.kill('SIGTERM');
    else process.exit(0);
    child?.once('exit', () => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
