import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AttributeChanges, EmitEvents, OUTBOX, TransactionalOutbox, provisioningEvent } from '@app/events';
import {
  ListQuery,
  ScimError,
  UserInput,
  applyPatch,
  sameJson,
  enterpriseUserSchema,
  filterToSql,
  isResourceId,
  parseFilter,
  parsePatchRequest,
  parseUserInput,
  projectResource,
  userSchema,
} from '@app/scim';
import { createLogger } from '@app/logging';
import { ScimRequestContext } from '../scim-context';
import { ListResponse, listResponse } from '../list-response';
import { toScimUser, toUserSnapshot } from './user.mapper';
import { USER_FILTER_COLUMNS, UserRow } from './user.row';
import { UsersRepository } from './users.repository';

type ScimResource = Record<string, unknown>;

/** SCIM operations on users. Each write and its events commit in one transaction. */
@Injectable()
export class UsersService {
  private readonly logger = createLogger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    @Inject(OUTBOX) private readonly outbox: TransactionalOutbox,
  ) {}

  async create(context: ScimRequestContext, body: unknown): Promise<ScimResource> {
    const input = parseUserInput(body);
    const row = await this.outbox.run(async (manager, emit) => {
      const created = await this.users.insert(manager, context.companyId, input);
      if (!created) {
        throw ScimError.conflict(
          `A user with userName "${input.userName}" already exists in this company (userName is compared without regard to case). ` +
            'Look it up with filter=userName eq "..." and update it instead.',
        );
      }
      emit(provisioningEvent('user.created', context.event, ref(created), { user: toUserSnapshot(created) }));
      return created;
    });
    this.logger.info({ companyId: context.companyId, userId: row.id }, 'user created');
    return toScimUser(row, [], context.baseUrl);
  }

  async get(context: ScimRequestContext, id: string, projection: Pick<ListQuery, 'attributes' | 'excludedAttributes'>): Promise<ScimResource> {
    const row = await this.findOrFail(undefined, context.companyId, id);
    const groups = await this.users.groupsOf(undefined, [row.id]);
    return projectResource(toScimUser(row, groups.get(row.id) ?? [], context.baseUrl), projection.attributes, projection.excludedAttributes);
  }

  async list(context: ScimRequestContext, query: ListQuery): Promise<ListResponse> {
    const filter = query.filter === undefined ? undefined : filterToSql(parseFilter(query.filter), USER_FILTER_COLUMNS, 2);
    const page = await this.users.list(context.companyId, filter, query.startIndex, query.count);
    const groups = await this.users.groupsOf(undefined, page.rows.map((row) => row.id));
    const resources = page.rows.map((row) =>
      projectResource(toScimUser(row, groups.get(row.id) ?? [], context.baseUrl), query.attributes, query.excludedAttributes),
    );
    return listResponse(resources, page.total, query.startIndex);
  }

  /** PUT: replaces every attribute the client may write; `id`, `meta`, `groups` and `schemas` in the body are ignored. */
  async replace(context: ScimRequestContext, id: string, body: unknown): Promise<ScimResource> {
    const input = parseUserInput(body);
    return this.write(context, id, () => input);
  }

  async patch(context: ScimRequestContext, id: string, body: unknown): Promise<ScimResource> {
    const operations = parsePatchRequest(body);
    return this.write(context, id, (current) => {
      const patched = applyPatch(current.resource, operations, { coreSchema: userSchema, extensions: [enterpriseUserSchema] });
      return parseUserInput(patched);
    });
  }

  async delete(context: ScimRequestContext, id: string): Promise<void> {
    await this.outbox.run(async (manager, emit) => {
      await this.findOrFail(manager, context.companyId, id, true);
      const groups = await this.users.groupsOf(manager, [id]);
      const deleted = await this.users.delete(manager, context.companyId, id);
      if (!deleted) throw notFound(id);
      emit(
        provisioningEvent('user.deleted', context.event, { resource: `users/${id}`, version: deleted.version + 1 }, {
          user: toUserSnapshot(deleted),
          groupIds: (groups.get(id) ?? []).map((group) => group.id),
        }),
      );
    });
    this.logger.info({ companyId: context.companyId, userId: id }, 'user deleted');
  }

  /** Locks the user, computes its new state, stores it and emits the events of what changed. */
  private async write(context: ScimRequestContext, id: string, next: (current: UserRow) => UserInput): Promise<ScimResource> {
    const { row, groups } = await this.outbox.run(async (manager, emit) => {
      const current = await this.findOrFail(manager, context.companyId, id, true);
      const input = next(current);
      const updated = unchanged(current, input) ? current : await this.store(manager, context, current, input, emit);
      const memberships = await this.users.groupsOf(manager, [id]);
      return { row: updated, groups: memberships.get(id) ?? [] };
    });
    return toScimUser(row, groups, context.baseUrl);
  }

  private async store(
    manager: EntityManager,
    context: ScimRequestContext,
    current: UserRow,
    input: UserInput,
    emit: EmitEvents,
  ): Promise<UserRow> {
    const updated = await this.users.update(manager, context.companyId, current.id, input);
    if (updated === 'conflict') {
      throw ScimError.conflict(`Another user of this company already has userName "${input.userName}". Choose a different userName.`);
    }
    const changes = diffSnapshots(current, updated);
    const snapshot = toUserSnapshot(updated);
    const activeChanged = current.active !== updated.active;
    if (Object.keys(changes).some((key) => key !== 'active') || (!activeChanged && Object.keys(changes).length === 0)) {
      emit(provisioningEvent('user.updated', context.event, ref(updated), { user: snapshot, changes }));
    }
    if (activeChanged) {
      const name = updated.active ? 'user.reactivated' : 'user.deactivated';
      emit(provisioningEvent(name, context.event, ref(updated), { user: snapshot }));
      this.logger.info({ companyId: context.companyId, userId: updated.id, active: updated.active }, name);
    }
    return updated;
  }

  private async findOrFail(manager: EntityManager | undefined, companyId: string, id: string, forUpdate = false): Promise<UserRow> {
    const row = isResourceId(id) ? await this.users.findById(manager, companyId, id, forUpdate) : undefined;
    if (!row) throw notFound(id);
    return row;
  }
}

function notFound(id: string): ScimError {
  return ScimError.notFound(`User "${id}" was not found. Check the id, or look the user up with filter=userName eq "...".`);
}

function ref(row: UserRow): { resource: string; version: number } {
  return { resource: `users/${row.id}`, version: row.version };
}

function unchanged(current: UserRow, input: UserInput): boolean {
  return (
    current.user_name === input.userName &&
    current.active === input.active &&
    current.external_id === input.externalId &&
    sameJson(current.resource, input.resource)
  );
}

const SNAPSHOT_FIELDS: [keyof UserRow, string][] = [
  ['user_name', 'userName'],
  ['external_id', 'externalId'],
  ['active', 'active'],
  ['display_name', 'displayName'],
  ['given_name', 'name.givenName'],
  ['family_name', 'name.familyName'],
  ['primary_email', 'email'],
];

function diffSnapshots(before: UserRow, after: UserRow): AttributeChanges {
  const changes: AttributeChanges = {};
  for (const [column, attribute] of SNAPSHOT_FIELDS) {
    if (before[column] !== after[column]) changes[attribute] = { previous: before[column], current: after[column] };
  }
  return changes;
}

