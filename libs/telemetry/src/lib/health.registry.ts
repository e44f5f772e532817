import { Injectable } from '@nestjs/common';

/** A dependency whose state decides readiness; check() rejects when the dependency is down. */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}

export interface HealthReport {
  ready: boolean;
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
  failing: string[];
}

const CHECK_TIMEOUT_MS = 2_000;

/** Libraries register the dependencies they own (Postgres, Redis, the bus) as they start. */
@Injectable()
export class HealthRegistry {
  private readonly indicators = new Map<string, HealthIndicator>();
  private shuttingDown = false;

  register(indicator: HealthIndicator): void {
    this.indicators.set(indicator.name, indicator);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.indicators.values()].map(async (indicator) => {
        try {
          await withTimeout(indicator.check(), CHECK_TIMEOUT_MS);
          return [indicator.name, { status: 'up' as const }] as const;
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          return [indicator.name, { status: 'down' as const, error }] as const;
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const failing = entries.filter(([, c]) => c.status === 'down').map(([n]) => n);
    if (this.shuttingDown) failing.push('shutdown');
    return { ready: failing.length === 0, checks, failing };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
