import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isResourceId } from '@app/scim';
import { AdminError } from '../http/admin-error';
import { Page } from './admin.dto';
import { CompaniesService } from './companies.service';
import { LocationsService } from './locations.service';

export interface UserSummaryDto {
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  email: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserDetailDto extends UserSummaryDto {
  groups: { id: string; displayName: string }[];
  locations: { id: string; name: string; grantedByGroupIds: string[] }[];
}

interface UserRow {
  id: string;
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  primary_email: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const USER_SUMMARY_COLUMNS = 'u.id, u.user_name, u.external_id, u.display_name, u.primary_email, u.active, u.created_at, u.updated_at';
export const DEFAULT_PAGE_LIMIT = 50;

/** Read-only views of users, their groups and their current office-location access. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly locations: LocationsService,
  ) {}

  async listUsers(companyId: string, limit = DEFAULT_PAGE_LIMIT, offset = 0): Promise<Page<UserSummaryDto>> {
    await this.companies.require(this.dataSource.manager, companyId);
    const totals: { total: string }[] = await this.dataSource.query(`SELECT count(*) AS total FROM users WHERE company_id = $1`, [companyId]);
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_SUMMARY_COLUMNS} FROM users u WHERE u.company_id = $1 ORDER BY u.created_at, u.id LIMIT $2 OFFSET $3`,
      [companyId, limit, offset],
    );
    return { items: rows.map(toSummary), total: Number(totals[0].total), limit, offset };
  }

  async getUser(companyId: string, userId: string): Promise<UserDetailDto> {
    await this.companies.require(this.dataSource.manager, companyId);
    const rows: UserRow[] = isResourceId(userId)
      ? await this.dataSource.query(`SELECT ${USER_SUMMARY_COLUMNS} FROM users u WHERE u.company_id = $1 AND u.id = $2`, [companyId, userId])
      : [];
    if (!rows[0]) throw AdminError.notFound('User', userId);
    const groups: { id: string; display_name: string }[] = await this.dataSource.query(
      `SELECT g.id, g.display_name FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.user_id = $1 ORDER BY lower(g.display_name), g.id`,
      [userId],
    );
    const locations: { id: string; name: string; group_ids: string[] }[] = await this.dataSource.query(
      `SELECT l.id, l.name, a.group_ids FROM user_location_access a JOIN locations l ON l.id = a.location_id
       WHERE a.user_id = $1 AND a.company_id = $2 ORDER BY lower(l.name), l.id`,
      [userId, companyId],
    );
    return {
      ...toSummary(rows[0]),
      groups: groups.map((group) => ({ id: group.id, displayName: group.display_name })),
      locations: locations.map((location) => ({ id: location.id, name: location.name, grantedByGroupIds: location.group_ids })),
    };
  }

  async listLocationUsers(companyId: string, locationId: string, limit = DEFAULT_PAGE_LIMIT, offset = 0): Promise<Page<UserSummaryDto>> {
    await this.companies.require(this.dataSource.manager, companyId);
    await this.locations.require(this.dataSource.manager, companyId, locationId);
    const totals: { total: string }[] = await this.dataSource.query(
      `SELECT count(*) AS total FROM user_location_access a JOIN users u ON u.id = a.user_id WHERE a.location_id = $1 AND u.company_id = $2`,
      [locationId, companyId],
    );
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_SUMMARY_COLUMNS} FROM user_location_access a JOIN users u ON u.id = a.user_id
       WHERE a.location_id = $1 AND u.company_id = $2 ORDER BY lower(u.user_name), u.id LIMIT $3 OFFSET $4`,
      [locationId, companyId, limit, offset],
    );
    return { items: rows.map(toSummary), total: Number(totals[0].total), limit, offset };
  }
}

function toSummary(row: UserRow): UserSummaryDto {
  return {
    id: row.id,
    userName: row.user_name,
    externalId: row.external_id,
    displayName: row.display_name,
    email: row.primary_email,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
