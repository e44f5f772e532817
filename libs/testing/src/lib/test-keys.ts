import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';

export interface TestKeys {
  privateKey: string;
  publicKey: string;
}

/** A fresh ES256 key pair in PEM, as JWT_PRIVATE_KEY / JWT_PUBLIC_KEY. */
export async function generateTestKeys(): Promise<TestKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) };
}

export interface TestTokenOptions {
  sub?: string;
  email?: string;
  name?: string;
  tier?: string;
  sid?: string;
  jti?: string;
  tokenUse?: string;
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
  alg?: string;
}

/**
 * Signs an access token the way auth does, for tests of services that only verify tokens;
 * every field can be bent to produce the malformed tokens the guard must refuse.
 */
export async function signTestToken(keys: TestKeys, options: TestTokenOptions = {}): Promise<string> {
  const key = await importPKCS8(keys.privateKey, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    email: options.email ?? 'tester@example.com',
    name: options.name ?? 'Tester',
    tier: options.tier ?? 'free',
    sid: options.sid ?? randomUUID(),
    token_use: options.tokenUse ?? 'access',
  })
    .setProtectedHeader({ alg: options.alg ?? 'ES256', typ: 'JWT' })
    .setSubject(options.sub ?? randomUUID())
    .setJti(options.jti ?? randomUUID())
    .setIssuer(options.issuer ?? 'wealist-auth')
    .setAudience(options.audience ?? 'wealist')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 300))
    .sign(key);
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
}
