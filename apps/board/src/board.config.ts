import { commonEnvSpec, databaseEnvSpec, env, type EnvOf } from '@wealist/config';
import { eventsEnvSpec } from '@wealist/events';
import { optionalObjectStoreEnvSpec } from '@wealist/object-store';

export const BOARD_ENV_SPEC = {
  ...commonEnvSpec('board'),
  ...databaseEnvSpec('board'),
  ...eventsEnvSpec(),
  // Attachments are one feature of the board: without S3 credentials they answer 503, the rest works.
  ...optionalObjectStoreEnvSpec(),
  /** Upper bound on how long a cached board view lives; every write invalidates it anyway. */
  BOARD_CACHE_TTL_SECONDS: env.int({ default: 300, min: 1, max: 86_400 }),
  /** How long a workspace role from the user service is trusted; membership events drop it earlier. */
  ROLE_CACHE_TTL_SECONDS: env.int({ default: 60, min: 1, max: 3_600 }),
  /** Requests allowed per window and caller (user or API key), by plan tier. */
  RATE_LIMIT_WINDOW_SECONDS: env.int({ default: 60, min: 1, max: 86_400 }),
  RATE_LIMIT_FREE: env.int({ default: 300, min: 1 }),
  RATE_LIMIT_PREMIUM: env.int({ default: 1_200, min: 1 }),
  RATE_LIMIT_ENTERPRISE: env.int({ default: 6_000, min: 1 }),
  ATTACHMENT_MAX_BYTES: env.int({ default: 26_214_400, min: 1, max: 5_368_709_120 }),
  ATTACHMENT_URL_TTL_SECONDS: env.int({ default: 900, min: 60, max: 604_800 }),
  /** task.due-soon is published once per due date, this many hours before it. */
  DUE_SOON_HOURS: env.int({ default: 24, min: 1, max: 720 }),
  DUE_SOON_SCAN_INTERVAL_SECONDS: env.int({ default: 60, min: 1, max: 3_600 }),
};
export type BoardConfig = EnvOf<typeof BOARD_ENV_SPEC>;
