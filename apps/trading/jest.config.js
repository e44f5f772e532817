const path = require('node:path');
const config = require('../../jest.preset').projectConfig(__dirname, 'trading');

// The in-isolate strategy runtime is bundled from libs/trading-sdk (tools/build/isolate-runtime.js).
const runtime = { 'strategy-runtime\\.source\\.ts$': path.resolve(__dirname, '../../tools/build/isolate-runtime.js') };
for (const project of config.projects) project.transform = { ...runtime, ...project.transform };
module.exports = config;
