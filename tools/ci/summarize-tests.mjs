// Prints one closing line over every Jest run of `npm test` (each writes tmp/jest/<project>.json).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const dir = 'tmp/jest';
let passed = 0;
let failed = 0;
let skipped = 0;
let suitesFailed = 0;
for (const file of existsSync(dir) ? readdirSync(dir) : []) {
  const r = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // Suites that crashed before running their tests (syntax errors, failing beforeAll imports).
  suitesFailed += r.numRuntimeErrorTestSuites ?? 0;
}
if (suitesFailed > 0) console.log(`${suitesFailed} test file(s) failed to run`);
console.log(`tests: ${passed} passed, ${failed + suitesFailed} failed, ${skipped} skipped`);
