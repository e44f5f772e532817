// Shared Jest setup: @swc/jest (decorator metadata on), workspace path aliases, and two
// projects per Nx project: "unit" (src/**/*.spec.ts, no I/O) and "integration" (test/**,
// real PostgreSQL/Redis/etc., each file in its own database and Redis key space).
const path = require('node:path');
const { readFileSync } = require('node:fs');
const { compilerOptions } = require('./tsconfig.base.json');

const swcrc = JSON.parse(readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([name, [target]]) => [`^${name}$`, path.join(__dirname, target)]),
);

const ESM_ONLY = ['content-disposition'];

function base(displayName, rootDir) {
  return {
    displayName,
    rootDir,
    testEnvironment: 'node',
    transform: {
      '^.+\\.ts$': ['@swc/jest', { ...swcrc, sourceMaps: 'inline', swcrc: false }],
      // A few dependencies ship ESM only; Node 20's require(esm) is not available inside Jest.
      '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' }, swcrc: false }],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
    moduleFileExtensions: ['ts', 'js', 'json', 'node'],
    moduleNameMapper,
  };
}

function projectConfig(rootDir, name) {
  return {
    projects: [
      { ...base(`${name}:unit`, rootDir), testMatch: ['<rootDir>/src/**/*.spec.ts'] },
      {
        ...base(`${name}:integration`, rootDir),
        testMatch: ['<rootDir>/test/**/*.spec.ts'],
        slowTestThreshold: 30,
      },
    ],
  };
}

module.exports = { base, projectConfig };
