import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OUTBOX, TransactionalOutbox, provisioningEvent } from '@app/events';
import { isResourceId } from '@app/scim';
import { createLogger } from '@app/logging';
import { AdminError } from '../http/admin-error';
import { CompaniesService } from './companies.service';

export interface GroupSummaryDto {
  id: string;
  displayName: string;
  externalId: string | null;
  memberCount: number;
  locationIds: string[];
  createdAt: string;
}

export interface GroupLocationsDto {
  groupId: string;
  locationIds: string[];
}

/** Lists pushed groups and sets which office locations each one grants. */
@Injectable()
export class GroupMappingsService {
  private readonly logger = createLogger(GroupMappingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OUTBOX) private readonly outbox: TransactionalOutbox,
    private readonly companies: CompaniesService,
  ) {}

  async listGroups(companyId: string): Promise<GroupSummaryDto[]> {
    await this.companies.require(this.dataSource.manager, companyId);
    const rows: { id: string; display_name: string; external_id: string | null; member_count: string; location_ids: string[]; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT g.id, g.display_name, g.external_id, g.created_at,
           (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id) AS member_count,
           coalesce((SELECT array_agg(m.location_id ORDER BY m.location_id) FROM group_location_mappings m WHERE m.group_id = g.id), '{}') AS location_ids
         FROM groups g WHERE g.company_id = $1 ORDER BY lower(g.display_name), g.id`,
        [companyId],
      );
    return rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      externalId: row.external_id,
      memberCount: Number(row.member_count),
      locationIds: row.location_ids,
      createdAt: row.created_at.toISOString(),
    }));
  }

  async getLocations(companyId: string, groupId: string): Promise<GroupLocationsDto> {
    await this.companies.require(this.dataSource.manager, companyId);
    await this.requireGroup(this.dataSource.manager, companyId, groupId, false);
    return { groupId, locationIds: await this.mappedLocations(this.dataSource.manager, groupId) };
  }

  /** Replaces the group's locations with exactly `locationIds` and emits `mapping.changed` when that changed anything. */
  async setLocations(companyId: string, groupId: string, locationIds: string[], correlationId: string): Promise<GroupLocationsDto> {
    const requested = [...new Set(locationIds.map((id) => id.toLowerCase()))].sort();
    const result = await this.outbox.run(async (manager, emit) => {
      await this.companies.require(manager, companyId);
      await this.requireGroup(manager, companyId, groupId, true);
      await this.requireLocations(manager, companyId, requested);

      const { added, removed } = await this.replaceMappings(manager, groupId, requested);
      if (added.length === 0 && removed.length === 0) return { added: 0, removed: 0 };

      // The group's version orders mapping events too, so a subscriber can drop a stale one.
      const bumped: [{ version: number }[], number] = await manager.query(
        `UPDATE groups SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
        [groupId],
      );
      const context = { companyId, actor: 'admin', correlationId };
      const ref = { resource: `groups/${groupId}`, version: bumped[0][0].version };
      emit(provisioningEvent('mapping.changed', context, ref, { groupId, locationIds: requested, added, removed }));
      return { added: added.length, removed: removed.length };
    });
    this.logger.info({ companyId, groupId, ...result }, 'group locations set');
    return { groupId, locationIds: requested };
  }

  /**
   * Checks that every id is a location of the company. FOR KEY SHARE makes a concurrent delete of
   * these locations wait until this transaction ends, so the mapping insert cannot reference a
   * location deleted in between.
   */
  private async requireLocations(manager: EntityManager, companyId: string, locationIds: string[]): Promise<void> {
    const known: { id: string }[] = await manager.query(
      `SELECT id FROM locations WHERE company_id = $1 AND id = ANY($2::uuid[]) FOR KEY SHARE`,
      [companyId, locationIds],
    );
    const unknown = locationIds.filter((id) => !known.some((row) => row.id === id));
    if (unknown.length > 0) {
      throw AdminError.invalid(`These locationIds are not locations of this company: ${unknown.join(', ')}. Create them first with POST /locations.`);
    }
  }

  /** Deletes the mappings not listed and inserts the missing ones; returns both sets of location ids, sorted. */
  private async replaceMappings(manager: EntityManager, groupId: string, locationIds: string[]): Promise<{ added: string[]; removed: string[] }> {
    const removed: [{ location_id: string }[], number] = await manager.query(
      `DELETE FROM group_location_mappings WHERE group_id = $1 AND NOT (location_id = ANY($2::uuid[])) RETURNING location_id`,
      [groupId, locationIds],
    );
    const added: { location_id: string }[] = await manager.query(
      `INSERT INTO group_location_mappings (group_id, location_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING location_id`,
      [groupId, locationIds],
    );
    return {
      added: added.map((row) => row.location_id).sort(),
      removed: removed[0].map((row) => row.location_id).sort(),
    };
  }

  private async mappedLocations(manager: EntityManager, groupId: string): Promise<string[]> {
    const rows: { location_id: string }[] = await manager.query(
      `SELECT location_id FROM group_location_mappings WHERE group_id = $1 ORDER BY location_id`,
      [groupId],
    );
    return rows.map((row) => row.location_id);
  }

  /** Checks the group exists in the company; locks it when a mapping change follows. Returns its version. */
  private async requireGroup(manager: EntityManager, companyId: string, groupId: string, forUpdate: boolean): Promise<number> {
    const rows: { version: number }[] = isResourceId(groupId)
      ? await manager.query(`SELECT version FROM groups WHERE company_id = $1 AND id = $2 ${forUpdate ? 'FOR UPDATE' : ''}`, [companyId, groupId])
      : [];
    if (!rows[0]) throw AdminError.notFound('Group', groupId);
    return rows[0].version;
  }
}
