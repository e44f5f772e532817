import { commonEnvSpec, databaseEnvSpec, type EnvOf } from '@wealist/config';

export const USER_ENV_SPEC = { ...commonEnvSpec('user'), ...databaseEnvSpec('user') };
export type UserConfig = EnvOf<typeof USER_ENV_SPEC>;
