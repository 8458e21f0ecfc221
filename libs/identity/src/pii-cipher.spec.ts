import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PiiCipher, PiiDecryptionError, normaliseResidentId } from './pii-cipher';

const key = () => randomBytes(32);

describe('PiiCipher', () => {
  const k1 = key();
  const hmacKey = key();
  const cipher = new PiiCipher({ encryptionKeys: { 1: k1 }, currentKeyId: 1, hmacKey });

  it('round-trips any string, with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const a = cipher.encrypt(s, 'p');
        const b = cipher.encrypt(s, 'p');
        expect(a.equals(b)).toBe(false);
        expect(cipher.decrypt(a, 'p')).toBe(s);
      }),
    );
  });

  it('envelope = key id byte + 12-byte IV + 16-byte tag + ciphertext, never the plain text', () => {
    const env = cipher.encrypt('140824199001010013', 'users.id_number');
    expect(env[0]).toBe(1);
    expect(env.length).toBe(1 + 12 + 16 + 18);
    expect(env.toString('latin1')).not.toContain('140824199001010013');
  });

  it('refuses tampered data, another purpose and an unknown key', () => {
    const env = cipher.encrypt('secret', 'a');
    const tampered = Buffer.from(env);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipher.decrypt(tampered, 'a')).toThrow(PiiDecryptionError);
    expect(() => cipher.decrypt(env, 'b')).toThrow(PiiDecryptionError);
    const other = Buffer.from(env);
    other[0] = 9;
    expect(() => cipher.decrypt(other, 'a')).toThrow(/No key with id 9/);
    expect(() => cipher.decrypt(Buffer.alloc(5), 'a')).toThrow(PiiDecryptionError);
  });

  it('rotates keys: old envelopes decrypt with the key their id names; new ones use the current key', () => {
    const old = cipher.encrypt('x', 'p');
    const k2 = key();
    const rotated = new PiiCipher({ encryptionKeys: { 1: k1, 2: k2 }, currentKeyId: 2, hmacKey });
    expect(rotated.decrypt(old, 'p')).toBe('x');
    const fresh = rotated.encrypt('y', 'p');
    expect(rotated.keyIdOf(fresh)).toBe(2);
    expect(() => cipher.decrypt(fresh, 'p')).toThrow(PiiDecryptionError);
  });

  it('blind index: deterministic, purpose-scoped, key-dependent', () => {
    const a = cipher.blindIndex('140824199001010013', 'users.id_number');
    expect(a).toHaveLength(32);
    expect(cipher.blindIndex('140824199001010013', 'users.id_number').equals(a)).toBe(true);
    expect(cipher.blindIndex('140824199001010013', 'other').equals(a)).toBe(false);
    const other = new PiiCipher({ encryptionKeys: { 1: k1 }, currentKeyId: 1, hmacKey: key() });
    expect(other.blindIndex('140824199001010013', 'users.id_number').equals(a)).toBe(false);
  });

  it('validates its keys', () => {
    expect(
      () => new PiiCipher({ encryptionKeys: { 1: randomBytes(16) }, currentKeyId: 1, hmacKey }),
    ).toThrow();
    expect(() => new PiiCipher({ encryptionKeys: { 1: k1 }, currentKeyId: 2, hmacKey })).toThrow();
    expect(() => new PiiCipher({ encryptionKeys: { 0: k1 }, currentKeyId: 0, hmacKey })).toThrow();
  });

  it('fromConfig reads the base64 keys', () => {
    const c = PiiCipher.fromConfig({
      PII_ENCRYPTION_KEY: k1.toString('base64'),
      PII_HMAC_KEY: hmacKey.toString('base64'),
    });
    expect(c.decrypt(cipher.encrypt('z', 'p'), 'p')).toBe('z');
  });

  it('normalises a lowercase x check character', () => {
    expect(normaliseResidentId(' 14082419850315002x ')).toBe('14082419850315002X');
  });
});
