import { commonEnvSpec, databaseEnvSpec, env, type EnvOf } from '@wealist/config';
import { eventsEnvSpec } from '@wealist/events';

export const CHAT_ENV_SPEC = {
  ...commonEnvSpec('chat'),
  ...databaseEnvSpec('chat'),
  ...eventsEnvSpec(),
  /** Largest message body, in UTF-8 bytes; bigger ones get 413 (REST) or an error event (socket). */
  CHAT_MAX_MESSAGE_BYTES: env.int({ default: 4_000, min: 1, max: 65_536 }),
  /** Sends per second one connection may make (token bucket; the burst is the same number). */
  CHAT_MESSAGES_PER_SECOND: env.int({ default: 10, min: 1, max: 10_000 }),
  CHAT_MAX_ROOMS_PER_CONNECTION: env.int({ default: 50, min: 1, max: 10_000 }),
  /** Presence entries live this long without a heartbeat, so a dead instance's users go offline. */
  CHAT_PRESENCE_TTL_MS: env.int({ default: 30_000, min: 500, max: 600_000 }),
  /**
   * Off: messages fan out in this process only. For a single instance (and the benchmark's
   * baseline); with several instances it must stay on or they would not see each other's messages.
   */
  CHAT_REDIS_FANOUT: env.bool({ default: true }),
};
export type ChatConfig = EnvOf<typeof CHAT_ENV_SPEC>;
