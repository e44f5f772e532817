const path = require('node:path');
const config = require('../../tools/webpack/node-app.config')('trading');

// The in-isolate strategy runtime is bundled separately and inlined as a string.
const RUNTIME = /strategy-runtime\.source\.ts$/;
for (const rule of config.module.rules) rule.exclude = [rule.exclude, RUNTIME].filter(Boolean);
config.module.rules.unshift({ test: RUNTIME, loader: path.resolve(__dirname, '../../tools/build/isolate-runtime.loader.js') });
module.exports = config;
