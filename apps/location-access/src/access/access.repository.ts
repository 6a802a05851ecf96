import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface AccessChange {
  userId: string;
  added: string[];
  removed: string[];
  /** Every location the user has after the change. */
  locationIds: string[];
}

/**
 * Set-based SQL over `user_location_access`. The access rule is
 * `active AND member of group g AND g mapped to location`, evaluated in one statement for all
 * affected users.
 */
@Injectable()
export class AccessRepository {
  /** Users whose access may depend on the group: its members and users it currently grants access. */
  async usersAffectedByGroup(manager: EntityManager, companyId: string, groupId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT gm.user_id FROM group_members gm JOIN users u ON u.id = gm.user_id AND u.company_id = $1 WHERE gm.group_id = $2
       UNION
       SELECT a.user_id FROM user_location_access a WHERE a.company_id = $1 AND $2::uuid = ANY(a.group_ids)`,
      [companyId, groupId],
    );
    return rows.map((row) => row.user_id);
  }

  /** Users who currently have access to the location, plus the members of the given groups. */
  async usersAffectedByLocation(manager: EntityManager, companyId: string, locationId: string, groupIds: string[]): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT a.user_id FROM user_location_access a WHERE a.company_id = $1 AND a.location_id = $2
       UNION
       SELECT gm.user_id FROM group_members gm JOIN users u ON u.id = gm.user_id AND u.company_id = $1 WHERE gm.group_id = ANY($3::uuid[])`,
      [companyId, locationId, groupIds],
    );
    return rows.map((row) => row.user_id);
  }

  /**
   * Serialises recomputes of the same users across replicas for the rest of the transaction.
   * Locks are taken in id order so that two transactions cannot wait on each other.
   */
  async lockUsers(manager: EntityManager, userIds: string[]): Promise<void> {
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended(id::text, 0)))
       FROM (SELECT DISTINCT id FROM unnest($1::uuid[]) AS id ORDER BY id) AS sorted`,
      [userIds],
    );
  }

  /**
   * Returns the id of the current transaction as the version of the access events it emits.
   * PostgreSQL assigns ids in increasing order at a transaction's first write, and `lockUsers`
   * serialises recomputes of one user. A later recompute of a user therefore gets a larger
   * version, whichever replica runs it and whatever its clock reads.
   */
  async transactionVersion(manager: EntityManager): Promise<number> {
    const rows: { version: string }[] = await manager.query(`SELECT pg_current_xact_id()::text AS version`);
    return Number(rows[0].version);
  }

  /** Recomputes the users' access from the current state, writes the difference and returns it per user. */
  async recompute(manager: EntityManager, companyId: string, userIds: string[]): Promise<AccessChange[]> {
    const rows: { change: 'added' | 'removed'; user_id: string; location_id: string }[] = await manager.query(
      `WITH affected AS (
         SELECT DISTINCT unnest($2::uuid[]) AS user_id
       ),
       desired AS (
         SELECT gm.user_id, m.location_id, array_agg(DISTINCT gm.group_id ORDER BY gm.group_id) AS group_ids
         FROM affected a
         JOIN users u ON u.id = a.user_id AND u.company_id = $1 AND u.active
         JOIN group_members gm ON gm.user_id = a.user_id
         JOIN group_location_mappings m ON m.group_id = gm.group_id
         GROUP BY gm.user_id, m.location_id
       ),
       removed AS (
         DELETE FROM user_location_access ula
         USING affected a
         WHERE ula.user_id = a.user_id AND ula.company_id = $1
           AND NOT EXISTS (SELECT 1 FROM desired d WHERE d.user_id = ula.user_id AND d.location_id = ula.location_id)
         RETURNING ula.user_id, ula.location_id
       ),
       upserted AS (
         INSERT INTO user_location_access AS ula (user_id, location_id, company_id, group_ids)
         SELECT user_id, location_id, $1, group_ids FROM desired
         ON CONFLICT (user_id, location_id) DO UPDATE SET group_ids = EXCLUDED.group_ids, updated_at = now()
           WHERE ula.group_ids IS DISTINCT FROM EXCLUDED.group_ids
         RETURNING ula.user_id, ula.location_id, (xmax = 0) AS inserted
       )
       SELECT 'removed' AS change, user_id, location_id FROM removed
       UNION ALL
       SELECT 'added', user_id, location_id FROM upserted WHERE inserted`,
      [companyId, userIds],
    );
    if (rows.length === 0) return [];

    const changes = new Map<string, AccessChange>();
    for (const row of rows) {
      const change = changes.get(row.user_id) ?? { userId: row.user_id, added: [], removed: [], locationIds: [] };
      change[row.change].push(row.location_id);
      changes.set(row.user_id, change);
    }
    const current: { user_id: string; location_ids: string[] }[] = await manager.query(
      `SELECT user_id, array_agg(location_id ORDER BY location_id) AS location_ids
       FROM user_location_access WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`,
      [[...changes.keys()]],
    );
    for (const row of current) {
      const change = changes.get(row.user_id);
      if (change) change.locationIds = row.location_ids;
    }
    return [...changes.values()].map((change) => ({ ...change, added: change.added.sort(), removed: change.removed.sort() }));
  }
}
