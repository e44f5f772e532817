import { commonEnvSpec, databaseEnvSpec, env, type EnvOf } from '@wealist/config';
import { eventsEnvSpec } from '@wealist/events';

export const NOTIFICATION_ENV_SPEC = {
  ...commonEnvSpec('notification'),
  ...databaseEnvSpec('notification'),
  ...eventsEnvSpec(),
  /** SMTP server for e-mail notifications; empty turns e-mail off (deliveries are not created). */
  SMTP_HOST: env.optionalString({ example: 'smtp.example.com' }),
  SMTP_PORT: env.port({ default: 587 }),
  /** true: TLS from the first byte (usually port 465); false: STARTTLS when the server offers it. */
  SMTP_SECURE: env.bool({ default: false }),
  SMTP_USER: env.optionalString({ example: '' }),
  SMTP_PASSWORD: env.optionalString({ secret: true, example: '<SMTP password>' }),
  SMTP_FROM: env.string({ default: 'Wealist <no-reply@wealist.local>' }),
  /** Base URL put in e-mails so readers can open the app. */
  APP_URL: env.url({ default: 'http://localhost', protocols: ['http', 'https'] }),
  WEBHOOK_TIMEOUT_MS: env.int({ default: 5_000, min: 100, max: 60_000 }),
  /** Attempts per delivery (e-mail or webhook) before it is marked failed. */
  DELIVERY_MAX_ATTEMPTS: env.int({ default: 8, min: 1, max: 50 }),
  /** Retry n waits base * 2^(n-1), capped by DELIVERY_BACKOFF_MAX_MS. */
  DELIVERY_BACKOFF_BASE_MS: env.int({ default: 2_000, min: 10, max: 3_600_000 }),
  DELIVERY_BACKOFF_MAX_MS: env.int({ default: 3_600_000, min: 10, max: 86_400_000 }),
  /** Deliveries sent at once; an endpoint never has more than one in flight from one instance. */
  DELIVERY_CONCURRENCY: env.int({ default: 8, min: 1, max: 200 }),
  DELIVERY_POLL_MS: env.int({ default: 1_000, min: 10, max: 60_000 }),
};
export type NotificationConfig = EnvOf<typeof NOTIFICATION_ENV_SPEC>;
