import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ActiveScimToken {
  id: string;
  companyId: string;
  tokenHash: Buffer;
  lastUsedAt: Date | null;
}

export interface ScimTokenStatus {
  hint: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Skips the `last_used_at` write when the previous one is this recent, to avoid a write per request. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

@Injectable()
export class ScimTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findActiveByHash(hash: Buffer): Promise<ActiveScimToken | undefined> {
    const rows: { id: string; company_id: string; token_hash: Buffer; last_used_at: Date | null }[] = await this.dataSource.query(
      `SELECT id, company_id, token_hash, last_used_at FROM scim_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    const row = rows[0];
    return row && { id: row.id, companyId: row.company_id, tokenHash: row.token_hash, lastUsedAt: row.last_used_at };
  }

  async recordUse(tokenId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE scim_tokens SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
      [tokenId, LAST_USED_RESOLUTION_SECONDS],
    );
  }

  /** Revokes the company's live token, if any, and stores the new one; both in the caller's transaction. */
  async replaceActive(manager: EntityManager, companyId: string, hash: Buffer, hint: string): Promise<{ id: string; createdAt: Date }> {
    await manager.query(`UPDATE scim_tokens SET revoked_at = now() WHERE company_id = $1 AND revoked_at IS NULL`, [companyId]);
    const rows: { id: string; created_at: Date }[] = await manager.query(
      `INSERT INTO scim_tokens (company_id, token_hash, hint) VALUES ($1, $2, $3) RETURNING id, created_at`,
      [companyId, hash, hint],
    );
    return { id: rows[0].id, createdAt: rows[0].created_at };
  }

  async revokeActive(companyId: string): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE scim_tokens SET revoked_at = now() WHERE company_id = $1 AND revoked_at IS NULL`,
      [companyId],
    );
    return result[1];
  }

  async getActiveStatus(companyId: string): Promise<ScimTokenStatus | undefined> {
    const rows: { hint: string; created_at: Date; last_used_at: Date | null }[] = await this.dataSource.query(
      `SELECT hint, created_at, last_used_at FROM scim_tokens WHERE company_id = $1 AND revoked_at IS NULL`,
      [companyId],
    );
    const row = rows[0];
    return row && { hint: row.hint, createdAt: row.created_at, lastUsedAt: row.last_used_at };
  }
}
