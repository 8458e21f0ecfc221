import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { maskResidentId } from '@app/platform/validation';
import { PII_PURPOSE, PiiCipher } from './pii-cipher';
import { UserRepository } from './user.repository';

/**
 * People's ID numbers as documents may print them: masked (140824**********17), never plain. For
 * the rosters a payment is made from; decrypting needs PII_ENCRYPTION_KEY, so the worker has none.
 */
@Injectable()
export class MaskedIdNumbers {
  constructor(
    private readonly users: UserRepository,
    private readonly cipher: PiiCipher,
  ) {}

  /** Each user's masked ID number; null when none is on file (or it does not decrypt). */
  async of(ids: readonly string[], manager?: EntityManager): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const [id, enc] of await this.users.idNumberCiphers(ids, manager)) {
      if (!enc) {
        out.set(id, null);
        continue;
      }
      try {
        out.set(id, maskResidentId(this.cipher.decrypt(enc, PII_PURPOSE.idNumber)));
      } catch {
        out.set(id, null);
      }
    }
    return out;
  }
}
