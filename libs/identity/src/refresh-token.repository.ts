import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

/** The `refresh_tokens` table (identity's), stored as sha256 hashes of the tokens. */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The token of a hash, locked for its rotation. */
  lockByHash(m: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return m
      .getRepository(RefreshToken)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: tokenHash })
      .getOne();
  }

  async insert(
    m: EntityManager,
    t: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
  ): Promise<{ id: string }> {
    const saved = await m.save(m.create(RefreshToken, t));
    return { id: saved.id };
  }

  async revokeFamily(m: EntityManager, familyId: string): Promise<void> {
    await m.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  async revokeReplaced(m: EntityManager, id: string, replacedBy: string): Promise<void> {
    await m.query(`UPDATE refresh_tokens SET revoked_at = now(), replaced_by = $2 WHERE id = $1`, [
      id,
      replacedBy,
    ]);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
