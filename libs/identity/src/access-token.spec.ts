import { JwtService } from '@nestjs/jwt';
import { Role } from '@app/platform';
import { JWT_ALGORITHM, VerifiedAccessTokens } from './access-token';

describe('VerifiedAccessTokens', () => {
  const jwt = new JwtService({
    secret: 'a-test-secret-of-enough-length-0123456789',
    signOptions: { algorithm: JWT_ALGORITHM },
  });
  const claims = { sub: 'u1', role: Role.Seeker, org: null, twp: null, ver: 1, typ: 'access' };

  it('checks a token once, then answers its claims from memory until it expires', () => {
    const tokens = new VerifiedAccessTokens(jwt);
    const verify = jest.spyOn(jwt, 'verify');
    const token = jwt.sign(claims, { expiresIn: 60 });
    expect(tokens.verify(token).sub).toBe('u1');
    expect(tokens.verify(token).sub).toBe('u1');
    expect(verify).toHaveBeenCalledTimes(1);
    // Past its expiry the kept entry is dropped and the token checked again: a 401.
    expect(() => tokens.verify(token, Date.now() + 61_000)).toThrow(/expired/);
    verify.mockRestore();
  });

  it('never accepts an altered token because its original was kept', () => {
    const tokens = new VerifiedAccessTokens(jwt);
    const token = jwt.sign(claims, { expiresIn: 60 });
    tokens.verify(token);
    const [head, body, sig] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, role: Role.Admin, exp: 9e9 })).toString(
      'base64url',
    );
    expect(() => tokens.verify(`${head}.${forgedBody}.${sig}`)).toThrow(/invalid/);
    expect(() => tokens.verify(`${head}.${body}.${sig.slice(0, -2)}xx`)).toThrow(/invalid/);
  });

  it('keeps nothing of a token that fails its shape check', () => {
    const tokens = new VerifiedAccessTokens(jwt);
    const refresh = jwt.sign({ ...claims, typ: 'refresh' }, { expiresIn: 60 });
    expect(() => tokens.verify(refresh)).toThrow(/invalid/);
    expect(() => tokens.verify(refresh)).toThrow(/invalid/);
  });
});
