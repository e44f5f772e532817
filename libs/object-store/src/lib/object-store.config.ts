import { env, type EnvOf, type EnvVar } from '@wealist/config';

/**
 * A URL that must be a bare origin: S3 clients sign path-style URLs whose path starts with the
 * bucket, so a path prefix in the endpoint would break every signature.
 */
function origin(name: string, inner: EnvVar<string | undefined>): EnvVar<string | undefined> {
  return {
    ...inner,
    parse(raw) {
      const value = inner.parse(raw);
      if (value !== undefined && new URL(value).pathname !== '/') {
        throw new Error(`Invalid environment: ${name} must be an origin (scheme://host[:port]) without a path (got "${value}")`);
      }
      return value;
    },
  };
}

function sharedSpec() {
  return {
    /** Where the service itself reaches S3/MinIO (compose: http://minio:9000). */
    S3_ENDPOINT: origin('S3_ENDPOINT', env.url({ default: 'http://127.0.0.1:9000', protocols: ['http', 'https'] })) as EnvVar<string>,
    /**
     * The origin browsers use for presigned URLs. The host is part of a V4 signature, so URLs
     * must be signed for the address the client will actually send them to; empty means
     * S3_ENDPOINT (fine when both are the same).
     */
    S3_PUBLIC_ENDPOINT: origin('S3_PUBLIC_ENDPOINT', env.optionalUrl({ protocols: ['http', 'https'], example: 'http://localhost:9000' })),
    S3_BUCKET: env.string({ default: 'wealist-files' }),
    S3_REGION: env.string({ default: 'us-east-1' }),
  };
}

/** Object storage of a service that cannot work without it (storage): credentials required. */
export function objectStoreEnvSpec() {
  return {
    ...sharedSpec(),
    S3_ACCESS_KEY: env.string({ secret: true, example: '<access key>' }),
    S3_SECRET_KEY: env.string({ secret: true, example: '<secret key>' }),
  };
}

/**
 * Object storage of a service for which it is one feature among many (user avatars): without
 * credentials the service still starts and the feature answers 503.
 */
export function optionalObjectStoreEnvSpec() {
  return {
    ...sharedSpec(),
    S3_ACCESS_KEY: env.optionalString({ secret: true, example: '<access key>' }),
    S3_SECRET_KEY: env.optionalString({ secret: true, example: '<secret key>' }),
  };
}

export type ObjectStoreEnv = EnvOf<ReturnType<typeof optionalObjectStoreEnvSpec>>;

/** The connection settings ObjectStore needs, parsed from the env. */
export interface ObjectStoreSettings {
  endpoint: URL;
  publicEndpoint: URL;
  bucket: string;
  region: string;
  accessKey: string;
  secretKey: string;
}

/** null when credentials are absent (optional spec): the feature is off, not broken. */
export function objectStoreSettings(config: ObjectStoreEnv): ObjectStoreSettings | null {
  if (!config.S3_ACCESS_KEY || !config.S3_SECRET_KEY) return null;
  return {
    endpoint: new URL(config.S3_ENDPOINT),
    publicEndpoint: new URL(config.S3_PUBLIC_ENDPOINT ?? config.S3_ENDPOINT),
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
  };
}
