// Webpack loader for apps/trading/src/sandbox/strategy-runtime.source.ts: replaces the
// placeholder with the bundled in-isolate runtime (see isolate-runtime.js).
const { bundleIsolateRuntime, runtimeInputs } = require('./isolate-runtime');

module.exports = function isolateRuntimeLoader() {
  for (const file of runtimeInputs()) this.addDependency(file);
  return `export default ${JSON.stringify(bundleIsolateRuntime())};`;
};
