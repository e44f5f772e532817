import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@wealist/bootstrap';
import { rpcServerOptions } from '@wealist/messaging';
import type { UserConfig } from './user.config';
import { UserAppModule } from './user.module';

export const USER_DESCRIPTION = 'Accounts, workspaces and members; owner of credentials, OpenID identities and API keys.';

/** The user service: HTTP API plus the RPC handlers other services call over the bus. */
export function createUserApp(
  config: UserConfig,
  options: Pick<ServiceAppOptions, 'logDestination' | 'handleSignals'> = {},
): Promise<ServiceApp> {
  return createServiceApp({
    ...options,
    service: 'user',
    module: UserAppModule.forRoot(config),
    config,
    description: USER_DESCRIPTION,
    beforeInit: (app) => {
      app.connectMicroservice(rpcServerOptions(config));
    },
  });
}
