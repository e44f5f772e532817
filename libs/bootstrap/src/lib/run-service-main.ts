import { EnvValidationError, type DatabaseEnv } from '@wealist/config';
import { runMigrations, type ServiceDatabaseDefinition } from '@wealist/database';
import type { ServiceApp } from './create-service-app';

export interface ServiceMainOptions<C> {
  service: string;
  /** Reads and validates the environment; throws EnvValidationError naming each bad variable. */
  load: () => C;
  database?: ServiceDatabaseDefinition;
  start: (config: C) => Promise<ServiceApp>;
}

function fail(service: string, message: string): never {
  // Plain JSON line: the logger may not exist yet when config is bad.
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service, msg: message })}\n`);
  process.exit(1);
}

/** Entry point of every app: validate config, then serve or run the `migrate` command. */
export async function runServiceMain<C>(options: ServiceMainOptions<C>): Promise<void> {
  let config: C;
  try {
    config = options.load();
  } catch (err) {
    if (err instanceof EnvValidationError || (err instanceof Error && err.message.startsWith('Invalid environment'))) {
      fail(options.service, err.message);
    }
    throw err;
  }
  const command = process.argv[2] ?? 'serve';
  try {
    if (command === 'migrate') {
      if (!options.database) fail(options.service, `${options.service} has no database to migrate`);
      const applied = await runMigrations(config as unknown as DatabaseEnv, options.database);
      process.stdout.write(
        `${JSON.stringify({ level: 'info', service: options.service, msg: 'migrations applied', applied })}\n`,
      );
      return;
    }
    if (command !== 'serve') fail(options.service, `unknown command "${command}" (use serve or migrate)`);
    const service = await options.start(config);
    await service.listen();
  } catch (err) {
    fail(options.service, `failed to start: ${err instanceof Error ? err.message : String(err)}`);
  }
}
