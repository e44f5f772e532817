import { DataSource } from 'typeorm';
import type { DatabaseEnv } from '@wealist/config';
import { dataSourceOptions, type ServiceDatabaseDefinition } from './data-source.options';

/** Applies pending migrations and returns their names; used by `nx run <app>:migrate` and tests. */
export async function runMigrations(config: DatabaseEnv, definition: ServiceDatabaseDefinition): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(config, definition));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** True when the error is PostgreSQL's unique_violation (23505). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
