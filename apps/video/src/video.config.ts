import { commonEnvSpec, databaseEnvSpec, env, loadEnv, type EnvOf } from '@wealist/config';

export const VIDEO_ENV_SPEC = {
  ...commonEnvSpec('video'),
  ...databaseEnvSpec('video'),
  /** What browsers connect to (ws:// or wss://), handed out with every join token. */
  LIVEKIT_URL: env.url({ default: 'ws://localhost:7880', protocols: ['ws', 'wss', 'http', 'https'] }),
  /** Where this service reaches LiveKit's RoomService (compose: http://livekit:7880); empty: LIVEKIT_URL. */
  LIVEKIT_API_URL: env.optionalUrl({ protocols: ['http', 'https', 'ws', 'wss'], example: 'http://livekit:7880' }),
  LIVEKIT_API_KEY: env.string({ example: 'wealist' }),
  /** Signs join tokens and verifies webhooks; LiveKit wants at least 32 characters. */
  LIVEKIT_API_SECRET: env.string({ secret: true, minLength: 32, example: '<at least 32 random characters>' }),
  LIVEKIT_TOKEN_TTL_SECONDS: env.int({ default: 3_600, min: 60, max: 86_400 }),
  LIVEKIT_REQUEST_TIMEOUT_SECONDS: env.int({ default: 5, min: 1, max: 60 }),
  /** ICE servers for clients: turn:/turns: URLs get time-limited Coturn credentials, stun: URLs none. */
  TURN_URLS: env.list({ default: [], example: 'turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349?transport=tcp' }),
  STUN_URLS: env.list({ default: [], example: 'stun:turn.example.com:3478' }),
  /** Coturn's static-auth-secret (use-auth-secret, the TURN REST API scheme). */
  TURN_SECRET: env.optionalString({ secret: true, example: '<static-auth-secret of coturn>' }),
  TURN_CREDENTIAL_TTL_SECONDS: env.int({ default: 86_400, min: 1, max: 604_800 }),
};
export type VideoConfig = EnvOf<typeof VIDEO_ENV_SPEC>;

/** The env plus the rules that span variables: TURN URLs need the secret, each URL its scheme. */
export function loadVideoConfig(source: NodeJS.ProcessEnv = process.env): VideoConfig {
  const config = loadEnv(VIDEO_ENV_SPEC, source);
  const problems: string[] = [];
  if (config.TURN_URLS.length > 0 && !config.TURN_SECRET) problems.push('TURN_SECRET is required when TURN_URLS is set');
  for (const url of config.TURN_URLS) if (!/^turns?:[^\s]+$/.test(url)) problems.push(`TURN_URLS entry "${url}" must start with turn: or turns:`);
  for (const url of config.STUN_URLS) if (!/^stun:[^\s]+$/.test(url)) problems.push(`STUN_URLS entry "${url}" must start with stun:`);
  if (problems.length > 0) throw new Error(`Invalid environment: ${problems.join('; ')}`);
  return config;
}
