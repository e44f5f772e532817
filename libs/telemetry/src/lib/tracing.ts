import type * as otelSdk from '@opentelemetry/sdk-node';
import type * as otlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as otelHttp from '@opentelemetry/instrumentation-http';
import type * as otelResources from '@opentelemetry/resources';
import type * as otelSemconv from '@opentelemetry/semantic-conventions';

let sdk: otelSdk.NodeSDK | undefined;

/**
 * Starts OpenTelemetry tracing over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; a no-op
 * otherwise. Call it before the app module is loaded so the http instrumentation can patch.
 * The SDK is required lazily: services without tracing never load it (about 30 MB of RSS).
 */
export function startTracing(service: string, endpoint = process.env['OTEL_EXPORTER_OTLP_ENDPOINT']): boolean {
  if (!endpoint || sdk) return Boolean(sdk);
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof otelSdk;
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof otlpHttp;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof otelHttp;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof otelResources;
  const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as typeof otelSemconv;
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    traceExporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? '') })],
  });
  sdk.start();
  return true;
}

export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
