import { startTracing } from '@wealist/telemetry';

// Imported first by main.ts so the HTTP instrumentation is in place before anything loads it.
startTracing('trading');
