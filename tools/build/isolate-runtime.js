// Bundles the in-isolate strategy runtime (libs/trading-sdk/src/isolate/strategy-runtime.ts and
// the SDK it imports) into one script, as a string the trading service hands to each isolate.
// One bundler, three users: the webpack loader (service build), the Jest transform (tests run
// from source) and the benchmark (tsx).
const path = require('node:path');
const fs = require('node:fs');
const crypto = require('node:crypto');

const root = path.resolve(__dirname, '../..');
const sdkSrc = path.join(root, 'libs/trading-sdk/src');
const entry = path.join(sdkSrc, 'isolate/strategy-runtime.ts');

function bundleIsolateRuntime() {
  const esbuild = require('esbuild');
  const out = esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** Every source file the bundle is made of (for cache keys and watch dependencies). */
function runtimeInputs() {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')) files.push(p);
    }
  };
  walk(sdkSrc);
  return files.sort();
}

function inputsHash() {
  const h = crypto.createHash('sha256');
  for (const f of runtimeInputs()) h.update(f).update(fs.readFileSync(f));
  return h.digest('hex');
}

module.exports = {
  bundleIsolateRuntime,
  runtimeInputs,
  // Jest transform for the placeholder module apps/trading/src/sandbox/strategy-runtime.source.ts.
  getCacheKey: (src) => crypto.createHash('sha256').update(src).update(inputsHash()).digest('hex'),
  process: () => ({ code: `"use strict";Object.defineProperty(exports,"__esModule",{value:true});exports.default=${JSON.stringify(bundleIsolateRuntime())};` }),
};
