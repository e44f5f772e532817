import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@wealist/bootstrap';
import type { StorageConfig } from './storage.config';
import { StorageAppModule } from './storage.module';

export const STORAGE_DESCRIPTION =
  'The file drive of each workspace: folders, files uploaded and downloaded with presigned URLs, trash, search and quotas.';

/** The storage service: HTTP API only; it calls the user service over the bus for workspace roles. */
export function createStorageApp(
  config: StorageConfig,
  options: Pick<ServiceAppOptions, 'logDestination' | 'handleSignals'> = {},
): Promise<ServiceApp> {
  return createServiceApp({
    ...options,
    service: 'storage',
    module: StorageAppModule.forRoot(config),
    config,
    description: STORAGE_DESCRIPTION,
  });
}
