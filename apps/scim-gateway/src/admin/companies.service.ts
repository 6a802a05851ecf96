import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isResourceId } from '@app/scim';
import { createLogger } from '@app/logging';
import { AdminError } from '../http/admin-error';
import { CompanyResponseDto } from './admin.dto';

interface CompanyRow {
  id: string;
  name: string;
  created_at: Date;
}

@Injectable()
export class CompaniesService {
  private readonly logger = createLogger(CompaniesService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(name: string): Promise<CompanyResponseDto> {
    const rows: CompanyRow[] = await this.dataSource.query(`INSERT INTO companies (name) VALUES ($1) RETURNING id, name, created_at`, [name]);
    this.logger.info({ companyId: rows[0].id }, 'company created');
    return toDto(rows[0]);
  }

  async list(): Promise<CompanyResponseDto[]> {
    const rows: CompanyRow[] = await this.dataSource.query(`SELECT id, name, created_at FROM companies ORDER BY created_at, id`);
    return rows.map(toDto);
  }

  async get(companyId: string): Promise<CompanyResponseDto> {
    return toDto(await this.require(this.dataSource.manager, companyId));
  }

  /** Loads the company or raises 404; malformed ids are reported as not found too. */
  async require(manager: EntityManager, companyId: string): Promise<CompanyRow> {
    const rows: CompanyRow[] = isResourceId(companyId)
      ? await manager.query(`SELECT id, name, created_at FROM companies WHERE id = $1`, [companyId])
      : [];
    if (!rows[0]) throw AdminError.notFound('Company', companyId);
    return rows[0];
  }
}

function toDto(row: CompanyRow): CompanyResponseDto {
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
}
