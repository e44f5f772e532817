import { commonEnvSpec, databaseEnvSpec, env, type EnvOf } from '@wealist/config';
import { objectStoreEnvSpec } from '@wealist/object-store';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export const STORAGE_ENV_SPEC = {
  ...commonEnvSpec('storage'),
  ...databaseEnvSpec('storage'),
  ...objectStoreEnvSpec(),
  /** Per-workspace quota by the plan tier of the member who uploads. */
  STORAGE_QUOTA_FREE_BYTES: env.int({ default: 1 * GiB, min: 0 }),
  STORAGE_QUOTA_PREMIUM_BYTES: env.int({ default: 100 * GiB, min: 0 }),
  STORAGE_QUOTA_ENTERPRISE_BYTES: env.int({ default: 1024 * GiB, min: 0 }),
  /** Largest file; S3 caps one object at 5 TiB. */
  STORAGE_MAX_FILE_BYTES: env.int({ default: 5 * GiB, min: 1, max: 5 * 1024 * GiB }),
  /** Largest file sent in one POST; bigger files use multipart (S3 caps a single upload at 5 GiB). */
  STORAGE_SINGLE_UPLOAD_MAX_BYTES: env.int({ default: 100 * MiB, min: 1, max: 5 * GiB }),
  /** How long presigned upload URLs (and the quota they reserve) stay valid. */
  STORAGE_UPLOAD_TTL_SECONDS: env.int({ default: 3_600, min: 60, max: 604_800 }),
  STORAGE_DOWNLOAD_TTL_SECONDS: env.int({ default: 300, min: 10, max: 604_800 }),
  /** How often abandoned uploads and failed object deletions are cleaned up; 0 turns it off. */
  STORAGE_SWEEP_INTERVAL_SECONDS: env.int({ default: 300, min: 0, max: 86_400 }),
};
export type StorageConfig = EnvOf<typeof STORAGE_ENV_SPEC>;
