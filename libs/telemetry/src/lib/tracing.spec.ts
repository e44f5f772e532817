import { startTracing, stopTracing } from './tracing';

describe('startTracing', () => {
  afterEach(() => stopTracing());

  it('does nothing without an OTLP endpoint', () => {
    expect(startTracing('svc', undefined)).toBe(false);
  });

  it('starts the SDK when an endpoint is configured', () => {
    expect(startTracing('svc', 'http://127.0.0.1:4318')).toBe(true);
    expect(startTracing('svc', 'http://127.0.0.1:4318')).toBe(true);
  });
});
