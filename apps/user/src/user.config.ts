import { commonEnvSpec, databaseEnvSpec, env, type EnvOf } from '@wealist/config';
import { eventsEnvSpec } from '@wealist/events';
import { optionalObjectStoreEnvSpec } from '@wealist/object-store';

export const USER_ENV_SPEC = {
  ...commonEnvSpec('user'),
  ...databaseEnvSpec('user'),
  ...eventsEnvSpec(),
  // Avatars only: without S3 credentials the service runs and the avatar routes answer 503.
  ...optionalObjectStoreEnvSpec(),
  AVATAR_MAX_BYTES: env.int({ default: 5 * 1024 * 1024, min: 1024, max: 50 * 1024 * 1024 }),
  AVATAR_UPLOAD_TTL_SECONDS: env.int({ default: 600, min: 60, max: 86_400 }),
  AVATAR_URL_TTL_SECONDS: env.int({ default: 3_600, min: 60, max: 604_800 }),
};
export type UserConfig = EnvOf<typeof USER_ENV_SPEC>;
