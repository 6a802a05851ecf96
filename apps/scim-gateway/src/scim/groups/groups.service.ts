import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AttributeChanges, EmitEvents, EventContext, OUTBOX, TransactionalOutbox, provisioningEvent } from '@app/events';
import {
  ListQuery,
  ScimError,
  filterToSql,
  isExcluded,
  isResourceId,
  parseFilter,
  parseGroupInput,
  parsePatchRequest,
  projectResource,
  sameJson,
} from '@app/scim';
import { createLogger } from '@app/logging';
import { ListResponse, listResponse } from '../list-response';
import { ScimRequestContext } from '../scim-context';
import { GroupRow, GROUP_FILTER_COLUMNS } from './group.row';
import { toGroupSnapshot, toScimGroup } from './group.mapper';
import { GroupPatch, normalizeId, unknownMembers } from './group-patch';
import { GroupState, GroupsRepository } from './groups.repository';
import { MembershipChanges } from './membership-changes';

type ScimResource = Record<string, unknown>;
type Projection = Pick<ListQuery, 'attributes' | 'excludedAttributes'>;

/** Largest number of user ids in one members event, to keep NATS messages well under their size limit. */
const MEMBER_EVENT_CHUNK = 1000;

/** SCIM operations on groups. Each write and its events commit in one transaction. */
@Injectable()
export class GroupsService {
  private readonly logger = createLogger(GroupsService.name);

  constructor(
    private readonly groups: GroupsRepository,
    @Inject(OUTBOX) private readonly outbox: TransactionalOutbox,
  ) {}

  async create(context: ScimRequestContext, body: unknown): Promise<ScimResource> {
    const input = parseGroupInput(body);
    const memberIds = (input.memberIds ?? []).map(normalizeId);
    const { row, members } = await this.outbox.run(async (manager, emit) => {
      await this.requireUsers(manager, context.companyId, memberIds);
      const created = await this.groups.insert(manager, context.companyId, input);
      const changes = new MembershipChanges();
      changes.recordAdded(await this.groups.addMembers(manager, created.id, memberIds));
      emit(provisioningEvent('group.created', context.event, ref(created), { group: toGroupSnapshot(created) }));
      this.emitMembershipEvents(emit, context.event, created, changes);
      return { row: created, members: await this.groups.membersOf(manager, [created.id]) };
    });
    this.logger.info({ companyId: context.companyId, groupId: row.id, members: memberIds.length }, 'group created');
    return toScimGroup(row, members.get(row.id), context.baseUrl);
  }

  async get(context: ScimRequestContext, id: string, projection: Projection): Promise<ScimResource> {
    const row = await this.findOrFail(undefined, context.companyId, id);
    const members = isExcluded('members', projection.attributes, projection.excludedAttributes)
      ? undefined
      : (await this.groups.membersOf(undefined, [row.id])).get(row.id);
    return projectResource(toScimGroup(row, members, context.baseUrl), projection.attributes, projection.excludedAttributes);
  }

  async list(context: ScimRequestContext, query: ListQuery): Promise<ListResponse> {
    const filter = query.filter === undefined ? undefined : filterToSql(parseFilter(query.filter), GROUP_FILTER_COLUMNS, 2);
    const page = await this.groups.list(context.companyId, filter, query.startIndex, query.count);
    const withMembers = !isExcluded('members', query.attributes, query.excludedAttributes);
    const members = withMembers ? await this.groups.membersOf(undefined, page.rows.map((row) => row.id)) : undefined;
    const resources = page.rows.map((row) =>
      projectResource(toScimGroup(row, members?.get(row.id), context.baseUrl), query.attributes, query.excludedAttributes),
    );
    return listResponse(resources, page.total, query.startIndex);
  }

  /** PUT: new attributes and exactly the members listed (none when `members` is absent), in one transaction. */
  async replace(context: ScimRequestContext, id: string, body: unknown): Promise<ScimResource> {
    const input = parseGroupInput(body);
    const memberIds = (input.memberIds ?? []).map(normalizeId);
    const { row, members } = await this.outbox.run(async (manager, emit) => {
      const current = await this.findOrFail(manager, context.companyId, id, true);
      await this.requireUsers(manager, context.companyId, memberIds);
      const changes = new MembershipChanges();
      const { added, removed } = await this.groups.replaceMembers(manager, id, memberIds);
      changes.recordRemoved(removed);
      changes.recordAdded(added);
      const updated = await this.store(manager, context, current, input, changes, emit);
      return { row: updated, members: await this.groups.membersOf(manager, [id]) };
    });
    return toScimGroup(row, members.get(row.id), context.baseUrl);
  }

  /** Applies a PATCH. The controller returns 204 because the member list can be large (RFC 7644, section 3.5.2 allows it). */
  async patch(context: ScimRequestContext, id: string, body: unknown): Promise<void> {
    const operations = parsePatchRequest(body);
    const summary = await this.outbox.run(async (manager, emit) => {
      const current = await this.findOrFail(manager, context.companyId, id, true);
      const patch = new GroupPatch(manager, this.groups, context.companyId, id, stateOf(current));
      const result = await patch.apply(operations);
      await this.store(manager, context, current, result.state, result.members, emit);
      return { added: result.members.added.size, removed: result.members.removed.size };
    });
    this.logger.info({ companyId: context.companyId, groupId: id, operations: operations.length, ...summary }, 'group patched');
  }

  async delete(context: ScimRequestContext, id: string): Promise<void> {
    await this.outbox.run(async (manager, emit) => {
      const current = await this.findOrFail(manager, context.companyId, id, true);
      const memberIds = await this.groups.memberIds(manager, id);
      await this.groups.delete(manager, context.companyId, id);
      emit(
        provisioningEvent('group.deleted', context.event, { resource: `groups/${id}`, version: current.version + 1 }, {
          group: toGroupSnapshot(current),
          memberIds,
        }),
      );
    });
    this.logger.info({ companyId: context.companyId, groupId: id }, 'group deleted');
  }

  /** Writes the new attributes (if changed), bumps the version and emits the events of what changed. */
  private async store(
    manager: EntityManager,
    context: ScimRequestContext,
    current: GroupRow,
    state: GroupState,
    members: MembershipChanges,
    emit: EmitEvents,
  ): Promise<GroupRow> {
    const attributesChanged = !sameState(stateOf(current), state);
    if (!attributesChanged && members.isEmpty) return current;
    const updated = await this.groups.update(manager, context.companyId, current.id, attributesChanged ? state : undefined);
    if (attributesChanged) {
      emit(provisioningEvent('group.updated', context.event, ref(updated), { group: toGroupSnapshot(updated), changes: diff(current, updated) }));
    }
    this.emitMembershipEvents(emit, context.event, updated, members);
    return updated;
  }

  private emitMembershipEvents(emit: EmitEvents, event: EventContext, group: GroupRow, changes: MembershipChanges): void {
    for (const userIds of chunk([...changes.removed])) {
      emit(provisioningEvent('group.members.removed', event, ref(group), { groupId: group.id, userIds }));
    }
    for (const userIds of chunk([...changes.added])) {
      emit(provisioningEvent('group.members.added', event, ref(group), { groupId: group.id, userIds }));
    }
  }

  private async requireUsers(manager: EntityManager, companyId: string, ids: string[]): Promise<void> {
    const unknown = await this.groups.unknownUserIds(manager, companyId, ids);
    if (unknown.length > 0) throw unknownMembers(unknown);
  }

  private async findOrFail(manager: EntityManager | undefined, companyId: string, id: string, forUpdate = false): Promise<GroupRow> {
    const row = isResourceId(id) ? await this.groups.findById(manager, companyId, id, forUpdate) : undefined;
    if (!row) {
      throw ScimError.notFound(`Group "${id}" was not found. Check the id, or look the group up with filter=displayName eq "...".`);
    }
    return row;
  }
}

function stateOf(row: GroupRow): GroupState {
  return { displayName: row.display_name, externalId: row.external_id, resource: row.resource };
}

function sameState(a: GroupState, b: GroupState): boolean {
  return a.displayName === b.displayName && a.externalId === b.externalId && sameJson(a.resource, b.resource);
}

function diff(before: GroupRow, after: GroupRow): AttributeChanges {
  const changes: AttributeChanges = {};
  if (before.display_name !== after.display_name) changes.displayName = { previous: before.display_name, current: after.display_name };
  if (before.external_id !== after.external_id) changes.externalId = { previous: before.external_id, current: after.external_id };
  return changes;
}

function ref(row: GroupRow): { resource: string; version: number } {
  return { resource: `groups/${row.id}`, version: row.version };
}

function chunk(ids: string[]): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += MEMBER_EVENT_CHUNK) chunks.push(ids.slice(start, start + MEMBER_EVENT_CHUNK));
  return chunks;
}
