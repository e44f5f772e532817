import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@wealist/bootstrap';
import type { VideoConfig } from './video.config';
import { VideoAppModule } from './video.module';
import { WEBHOOK_CONTENT_TYPE } from './webhooks/webhooks.controller';

export const VIDEO_DESCRIPTION = 'Video rooms of each workspace on LiveKit, relayed by Coturn: join tokens, live participants, call history.';

/** The video service: HTTP API plus LiveKit's webhooks; workspace roles come from the user service. */
export function createVideoApp(
  config: VideoConfig,
  options: Pick<ServiceAppOptions, 'logDestination' | 'handleSignals'> = {},
): Promise<ServiceApp> {
  return createServiceApp({
    ...options,
    service: 'video',
    module: VideoAppModule.forRoot(config),
    config,
    description: VIDEO_DESCRIPTION,
    beforeInit: (app) => {
      // Webhook signatures cover the exact bytes LiveKit sent: keep that body as a string.
      app
        .getHttpAdapter()
        .getInstance()
        .addContentTypeParser(WEBHOOK_CONTENT_TYPE, { parseAs: 'string' }, (_req, body, done) => done(null, body));
    },
  });
}
