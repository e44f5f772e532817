import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@wealist/bootstrap';
import type { AuthConfig } from './auth.config';
import { AuthAppModule } from './auth-app.module';

export const AUTH_DESCRIPTION =
  'Sign-up, sign-in (password and OpenID Connect), rotating refresh tokens, logout and API keys.';

export function createAuthApp(
  config: AuthConfig,
  options: Pick<ServiceAppOptions, 'logDestination' | 'handleSignals'> = {},
): Promise<ServiceApp> {
  return createServiceApp({ ...options, service: 'auth', module: AuthAppModule.forRoot(config), config, description: AUTH_DESCRIPTION });
}
