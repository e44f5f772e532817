// The gateway for `npm run up`: real nginx with the repo's gateway config rendered for
// localhost, when nginx is installed; otherwise the services are used on their own ports.
import { join } from 'node:path';
import { IMPLEMENTED_SERVICES, SERVICE_CATALOG, type ServiceName } from '@wealist/config';
import { findNginx, startNginx, type RunningGateway } from '@wealist/infra';
import { ROOT } from '../dev/dev-env';

export type { RunningGateway } from '@wealist/infra';

export async function startLocalGateway(log: (line: string) => void): Promise<RunningGateway | undefined> {
  if (!findNginx()) {
    log('nginx is not installed (apt-get install nginx): no gateway, use the service ports below');
    return undefined;
  }
  const port = Number(process.env['GATEWAY_PORT'] ?? 80);
  const upstreams: Partial<Record<ServiceName, number>> = Object.fromEntries(
    IMPLEMENTED_SERVICES.map((s) => [s, SERVICE_CATALOG[s].port]),
  );
  try {
    return await startNginx({ port, upstreams, prefixDir: join(ROOT, '.wealist/nginx') });
  } catch (err) {
    log(`gateway did not start on port ${port} (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); set GATEWAY_PORT`);
    return undefined;
  }
}
