import { exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { AccessTokenVerifier } from './access-token.verifier';

describe('AccessTokenVerifier', () => {
  let verifier: AccessTokenVerifier;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    verifier = new AccessTokenVerifier(await exportSPKI(pair.publicKey), 'iss', 'aud');
  });

  const sign = (claims: Record<string, unknown>, alg = 'ES256') =>
    new SignJWT({ sid: 's', token_use: 'access', ...claims })
      .setProtectedHeader({ alg })
      .setSubject('u')
      .setJti('j')
      .setIssuer('iss')
      .setAudience('aud')
      .setExpirationTime('1m')
      .sign(privateKey);

  it('accepts a well-formed access token', async () => {
    await expect(verifier.verify(await sign({}))).resolves.toMatchObject({ sub: 'u', sid: 's', jti: 'j' });
  });

  it('refuses other token types and tokens without a session', async () => {
    await expect(verifier.verify(await sign({ token_use: 'refresh' }))).rejects.toThrow('Not an access token');
    await expect(verifier.verify(await sign({ sid: undefined }))).rejects.toThrow('Invalid access token');
  });

  it('refuses garbage', async () => {
    await expect(verifier.verify('a.b.c')).rejects.toThrow('Invalid access token');
  });
});
