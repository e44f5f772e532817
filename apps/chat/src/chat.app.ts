import { createServiceApp, type ServiceApp, type ServiceAppOptions } from '@wealist/bootstrap';
import type { ChatConfig } from './chat.config';
import { ChatAppModule } from './chat.module';

export const CHAT_DESCRIPTION =
  'Rooms (channels and direct messages), members and history; socket.io at /ws/chat with gapless, exactly-once delivery across instances.';

/** The chat service: REST under /api/chats and socket.io at /ws/chat on the same port. */
export function createChatApp(config: ChatConfig, options: Pick<ServiceAppOptions, 'logDestination' | 'handleSignals'> = {}): Promise<ServiceApp> {
  return createServiceApp({
    ...options,
    service: 'chat',
    module: ChatAppModule.forRoot(config),
    config,
    description: CHAT_DESCRIPTION,
  });
}
