import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, readPage } from '../page-query';
import { SqlFragment, UserInput } from '@app/scim';
import { USER_COLUMNS, UserRow } from './user.row';

export interface GroupRef {
  id: string;
  displayName: string;
}

const UNIQUE_VIOLATION = '23505';

/** SQL access to `users`; every statement is scoped by company. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts a user; returns undefined when the userName exists in the company in any letter case. */
  async insert(manager: EntityManager, companyId: string, input: UserInput): Promise<UserRow | undefined> {
    const rows: UserRow[] = await manager.query(
      `INSERT INTO users AS u (company_id, user_name, external_id, active, display_name, given_name, family_name, primary_email, resource)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (company_id, lower(user_name)) DO NOTHING
       RETURNING ${USER_COLUMNS}`,
      [companyId, ...inputValues(input)],
    );
    return rows[0];
  }

  async findById(manager: EntityManager | undefined, companyId: string, id: string, forUpdate = false): Promise<UserRow | undefined> {
    const rows: UserRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.company_id = $1 AND u.id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [companyId, id],
    );
    return rows[0];
  }

  async findIdByUserName(companyId: string, userName: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM users WHERE company_id = $1 AND lower(user_name) = lower($2)`,
      [companyId, userName],
    );
    return rows[0]?.id;
  }

  async list(companyId: string, filter: SqlFragment | undefined, startIndex: number, count: number): Promise<Page<UserRow>> {
    return readPage<UserRow>(this.dataSource, { from: 'users u', alias: 'u', columns: USER_COLUMNS, companyId, filter, startIndex, count });
  }


  /** Writes a new state; returns 'conflict' when the new userName belongs to another user of the company. */
  async update(manager: EntityManager, companyId: string, id: string, input: UserInput): Promise<UserRow | 'conflict'> {
    try {
      const rows: [UserRow[], number] = await manager.query(
        `UPDATE users AS u SET user_name = $3, external_id = $4, active = $5, display_name = $6, given_name = $7,
           family_name = $8, primary_email = $9, resource = $10, version = u.version + 1, updated_at = now()
         WHERE u.company_id = $1 AND u.id = $2
         RETURNING ${USER_COLUMNS}`,
        [companyId, id, ...inputValues(input)],
      );
      return rows[0][0];
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'conflict';
      throw error;
    }
  }

  async delete(manager: EntityManager, companyId: string, id: string): Promise<UserRow | undefined> {
    const rows: [UserRow[], number] = await manager.query(
      `DELETE FROM users u WHERE u.company_id = $1 AND u.id = $2 RETURNING ${USER_COLUMNS}`,
      [companyId, id],
    );
    return rows[0][0];
  }

  /** Groups of each user, for the read-only `groups` attribute; one query for a whole page. */
  async groupsOf(manager: EntityManager | undefined, userIds: string[]): Promise<Map<string, GroupRef[]>> {
    const result = new Map<string, GroupRef[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return result;
    const rows: { user_id: string; id: string; display_name: string }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT gm.user_id, g.id, g.display_name FROM group_members gm JOIN groups g ON g.id = gm.group_id
       WHERE gm.user_id = ANY($1::uuid[]) ORDER BY g.display_name, g.id`,
      [userIds],
    );
    for (const row of rows) result.get(row.user_id)?.push({ id: row.id, displayName: row.display_name });
    return result;
  }
}

function inputValues(input: UserInput): unknown[] {
  return [
    input.userName,
    input.externalId,
    input.active,
    input.displayName,
    input.givenName,
    input.familyName,
    input.primaryEmail,
    JSON.stringify(input.resource),
  ];
}
