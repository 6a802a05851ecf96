import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventContext, OUTBOX, TransactionalOutbox, provisioningEvent } from '@app/events';
import { isResourceId } from '@app/scim';
import { createLogger } from '@app/logging';
import { AdminError } from '../http/admin-error';
import { LocationResponseDto } from './admin.dto';
import { CompaniesService } from './companies.service';

interface LocationRow {
  id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

const UNIQUE_VIOLATION = '23505';
/** Locations carry no version column; events use the update time in milliseconds as resource version. */
const versionOf = (row: LocationRow) => row.updated_at.getTime();

@Injectable()
export class LocationsService {
  private readonly logger = createLogger(LocationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OUTBOX) private readonly outbox: TransactionalOutbox,
    private readonly companies: CompaniesService,
  ) {}

  async create(companyId: string, name: string, correlationId: string): Promise<LocationResponseDto> {
    const row = await this.outbox.run(async (manager, emit) => {
      await this.companies.require(manager, companyId);
      const rows: LocationRow[] = await this.uniqueName(name, () =>
        manager.query(`INSERT INTO locations (company_id, name) VALUES ($1, $2) RETURNING id, name, created_at, updated_at`, [companyId, name]),
      );
      const created = rows[0];
      emit(provisioningEvent('location.created', context(companyId, correlationId), ref(created), { location: { id: created.id, name: created.name } }));
      return created;
    });
    this.logger.info({ companyId, locationId: row.id }, 'location created');
    return toDto(row);
  }

  async list(companyId: string): Promise<LocationResponseDto[]> {
    await this.companies.require(this.dataSource.manager, companyId);
    const rows: LocationRow[] = await this.dataSource.query(
      `SELECT id, name, created_at, updated_at FROM locations WHERE company_id = $1 ORDER BY lower(name), id`,
      [companyId],
    );
    return rows.map(toDto);
  }

  async get(companyId: string, locationId: string): Promise<LocationResponseDto> {
    await this.companies.require(this.dataSource.manager, companyId);
    return toDto(await this.require(this.dataSource.manager, companyId, locationId));
  }

  async rename(companyId: string, locationId: string, name: string, correlationId: string): Promise<LocationResponseDto> {
    return toDto(
      await this.outbox.run(async (manager, emit) => {
        await this.companies.require(manager, companyId);
        const current = await this.require(manager, companyId, locationId, true);
        if (current.name === name) return current;
        const rows: [LocationRow[], number] = await this.uniqueName(name, () =>
          manager.query(
            `UPDATE locations SET name = $3, updated_at = now() WHERE company_id = $1 AND id = $2 RETURNING id, name, created_at, updated_at`,
            [companyId, locationId, name],
          ),
        );
        const updated = rows[0][0];
        emit(
          provisioningEvent('location.updated', context(companyId, correlationId), ref(updated), {
            location: { id: updated.id, name: updated.name },
            changes: { name: { previous: current.name, current: updated.name } },
          }),
        );
        return updated;
      }),
    );
  }

  /** Deletes the location and its group mappings; location-access then removes the access it granted. */
  async delete(companyId: string, locationId: string, correlationId: string): Promise<void> {
    await this.outbox.run(async (manager, emit) => {
      await this.companies.require(manager, companyId);
      const current = await this.require(manager, companyId, locationId, true);
      const groups: { group_id: string }[] = await manager.query(`SELECT group_id FROM group_location_mappings WHERE location_id = $1`, [locationId]);
      await manager.query(`DELETE FROM locations WHERE company_id = $1 AND id = $2`, [companyId, locationId]);
      emit(
        provisioningEvent('location.deleted', context(companyId, correlationId), { resource: `locations/${locationId}`, version: Date.now() }, {
          location: { id: current.id, name: current.name },
          groupIds: groups.map((group) => group.group_id),
        }),
      );
    });
    this.logger.info({ companyId, locationId }, 'location deleted');
  }

  async require(manager: EntityManager, companyId: string, locationId: string, forUpdate = false): Promise<LocationRow> {
    const rows: LocationRow[] = isResourceId(locationId)
      ? await manager.query(
          `SELECT id, name, created_at, updated_at FROM locations WHERE company_id = $1 AND id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`,
          [companyId, locationId],
        )
      : [];
    if (!rows[0]) throw AdminError.notFound('Location', locationId);
    return rows[0];
  }

  private async uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw AdminError.conflict(`A location named "${name}" already exists in this company. Choose another name.`);
      }
      throw error;
    }
  }
}

function context(companyId: string, correlationId: string): EventContext {
  return { companyId, actor: 'admin', correlationId };
}

function ref(row: LocationRow): { resource: string; version: number } {
  return { resource: `locations/${row.id}`, version: versionOf(row) };
}

function toDto(row: LocationRow): LocationResponseDto {
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}
