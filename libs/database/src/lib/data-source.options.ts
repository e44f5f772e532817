import type { DatabaseEnv } from '@wealist/config';
import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface ServiceDatabaseDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * TypeORM options for one service from its validated env. synchronize is always off: the schema
 * changes only through migrations in apps/<app>/src/migrations.
 */
export function dataSourceOptions(config: DatabaseEnv, definition: ServiceDatabaseDefinition): DataSourceOptions {
  return {
    type: 'postgres',
    host: config.DATABASE_HOST,
    port: config.DATABASE_PORT,
    database: config.DATABASE_NAME,
    username: config.DATABASE_USER,
    password: config.DATABASE_PASSWORD || undefined,
    ssl: config.DATABASE_SSL ? { rejectUnauthorized: true } : false,
    entities: definition.entities,
    migrations: definition.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: config.DATABASE_POOL_MAX, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
  };
}
