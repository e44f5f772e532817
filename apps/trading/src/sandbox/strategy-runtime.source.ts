// Placeholder: the build (tools/build/isolate-runtime.loader.js) and the Jest transform
// (tools/build/isolate-runtime.js) replace this module with the bundled in-isolate runtime of
// libs/trading-sdk/src/isolate/strategy-runtime.ts, exported as a string.
const STRATEGY_RUNTIME_SOURCE = '';
export default STRATEGY_RUNTIME_SOURCE;
