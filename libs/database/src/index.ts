export * from './lib/data-source.options';
export * from './lib/database.module';
export * from './lib/migrate';
export * from './lib/snake-naming.strategy';
