import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@wealist/bootstrap';
import type { BoardConfig } from './board.config';
import { BoardAppModule } from './board.module';

export const BOARD_DESCRIPTION =
  'Projects, boards, ordered columns and tasks with comments, activity and attachments; publishes task events (stream events:board).';

/** The board service: HTTP API, cached board views, domain events through the outbox. */
export function createBoardApp(
  config: BoardConfig,
  options: Pick<ServiceAppOptions, 'logDestination' | 'handleSignals'> = {},
): Promise<ServiceApp> {
  return createServiceApp({
    ...options,
    service: 'board',
    module: BoardAppModule.forRoot(config),
    config,
    description: BOARD_DESCRIPTION,
  });
}
