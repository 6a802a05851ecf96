import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, readPage } from '../page-query';
import { SqlFragment, isResourceId } from '@app/scim';
import { GROUP_COLUMNS, GroupRow, MemberRef } from './group.row';

export interface GroupState {
  displayName: string;
  externalId: string | null;
  resource: Record<string, unknown>;
}

/**
 * SQL access to `groups` and `group_members`. Membership changes are row inserts and deletes,
 * never a rewrite of the whole list, so concurrent changes to one group do not overwrite each other.
 */
@Injectable()
export class GroupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, companyId: string, state: GroupState): Promise<GroupRow> {
    const rows: GroupRow[] = await manager.query(
      `INSERT INTO groups AS g (company_id, display_name, external_id, resource) VALUES ($1, $2, $3, $4) RETURNING ${GROUP_COLUMNS}`,
      [companyId, state.displayName, state.externalId, JSON.stringify(state.resource)],
    );
    return rows[0];
  }

  async findById(manager: EntityManager | undefined, companyId: string, id: string, forUpdate = false): Promise<GroupRow | undefined> {
    const rows: GroupRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${GROUP_COLUMNS} FROM groups g WHERE g.company_id = $1 AND g.id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [companyId, id],
    );
    return rows[0];
  }

  async list(companyId: string, filter: SqlFragment | undefined, startIndex: number, count: number): Promise<Page<GroupRow>> {
    return readPage<GroupRow>(this.dataSource, { from: 'groups g', alias: 'g', columns: GROUP_COLUMNS, companyId, filter, startIndex, count });
  }


  /** Stores new attributes, or only bumps the version when `state` is undefined (a membership-only change). */
  async update(manager: EntityManager, companyId: string, id: string, state: GroupState | undefined): Promise<GroupRow> {
    const rows: [GroupRow[], number] = state
      ? await manager.query(
          `UPDATE groups g SET display_name = $3, external_id = $4, resource = $5, version = g.version + 1, updated_at = now()
           WHERE g.company_id = $1 AND g.id = $2 RETURNING ${GROUP_COLUMNS}`,
          [companyId, id, state.displayName, state.externalId, JSON.stringify(state.resource)],
        )
      : await manager.query(
          `UPDATE groups g SET version = g.version + 1, updated_at = now() WHERE g.company_id = $1 AND g.id = $2 RETURNING ${GROUP_COLUMNS}`,
          [companyId, id],
        );
    return rows[0][0];
  }

  async delete(manager: EntityManager, companyId: string, id: string): Promise<GroupRow | undefined> {
    const rows: [GroupRow[], number] = await manager.query(
      `DELETE FROM groups g WHERE g.company_id = $1 AND g.id = $2 RETURNING ${GROUP_COLUMNS}`,
      [companyId, id],
    );
    return rows[0][0];
  }

  /** Members of each group with a display name, for whole pages in one query. */
  async membersOf(manager: EntityManager | undefined, groupIds: string[]): Promise<Map<string, MemberRef[]>> {
    const result = new Map<string, MemberRef[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return result;
    const rows: { group_id: string; id: string; display: string }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT gm.group_id, u.id, coalesce(u.display_name, u.user_name) AS display
       FROM group_members gm JOIN users u ON u.id = gm.user_id
       WHERE gm.group_id = ANY($1::uuid[]) ORDER BY gm.created_at, u.id`,
      [groupIds],
    );
    for (const row of rows) result.get(row.group_id)?.push({ id: row.id, display: row.display });
    return result;
  }

  async memberIds(manager: EntityManager, groupId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(`SELECT user_id FROM group_members WHERE group_id = $1`, [groupId]);
    return rows.map((row) => row.user_id);
  }

  /**
   * Returns the ids among `ids` that are not users of the company; malformed ids count as unknown.
   * Locks the users found with FOR KEY SHARE until the transaction ends, so that a concurrent
   * delete of one of them waits, instead of failing the membership insert that follows.
   */
  async unknownUserIds(manager: EntityManager, companyId: string, ids: string[]): Promise<string[]> {
    const candidates = [...new Set(ids.filter(isResourceId).map((id) => id.toLowerCase()))];
    const rows: { id: string }[] =
      candidates.length === 0
        ? []
        : await manager.query(`SELECT u.id FROM users u WHERE u.company_id = $1 AND u.id = ANY($2::uuid[]) FOR KEY SHARE`, [
            companyId,
            candidates,
          ]);
    const found = new Set(rows.map((row) => row.id));
    return ids.filter((id) => !found.has(id.toLowerCase()));
  }

  /** Inserts the memberships that do not exist yet; returns the user ids actually added. */
  async addMembers(manager: EntityManager, groupId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: { user_id: string }[] = await manager.query(
      `INSERT INTO group_members (group_id, user_id) SELECT $1, unnest($2::uuid[])
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [groupId, userIds],
    );
    return rows.map((row) => row.user_id);
  }

  /** Deletes the given memberships, or all when `userIds` is undefined; returns the user ids removed. */
  async removeMembers(manager: EntityManager, groupId: string, userIds: string[] | undefined): Promise<string[]> {
    if (userIds?.length === 0) return [];
    const rows: [{ user_id: string }[], number] = userIds
      ? await manager.query(`DELETE FROM group_members WHERE group_id = $1 AND user_id::text = ANY($2::text[]) RETURNING user_id`, [groupId, userIds])
      : await manager.query(`DELETE FROM group_members WHERE group_id = $1 RETURNING user_id`, [groupId]);
    return rows[0].map((row) => row.user_id);
  }

  /** Makes the membership exactly `userIds`; returns what was added and removed. */
  async replaceMembers(manager: EntityManager, groupId: string, userIds: string[]): Promise<{ added: string[]; removed: string[] }> {
    const rows: [{ user_id: string }[], number] = await manager.query(
      `DELETE FROM group_members WHERE group_id = $1 AND NOT (user_id = ANY($2::uuid[])) RETURNING user_id`,
      [groupId, userIds],
    );
    const added = await this.addMembers(manager, groupId, userIds);
    return { added, removed: rows[0].map((row) => row.user_id) };
  }
}
