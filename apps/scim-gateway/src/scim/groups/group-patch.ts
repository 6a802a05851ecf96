import { EntityManager } from 'typeorm';
import {
  FilterNode,
  PatchOperation,
  ScimError,
  applyPatch,
  evaluateFilter,
  getAttribute,
  groupSchema,
  parseGroupInput,
  parseMemberValues,
  parsePatchPath,
} from '@app/scim';
import { GroupState, GroupsRepository } from './groups.repository';
import { MembershipChanges } from './membership-changes';

type JsonObject = Record<string, unknown>;

export interface GroupPatchResult {
  state: GroupState;
  members: MembershipChanges;
}

/**
 * Applies a Group PATCH. Operations on `members` become row inserts and deletes in the caller's
 * transaction, in request order. Every other operation edits the stored attributes through the
 * generic PATCH engine.
 */
export class GroupPatch {
  private resource: JsonObject;
  private readonly members = new MembershipChanges();

  constructor(
    private readonly manager: EntityManager,
    private readonly groups: GroupsRepository,
    private readonly companyId: string,
    private readonly groupId: string,
    current: GroupState,
  ) {
    this.resource = { ...current.resource, displayName: current.displayName, ...(current.externalId === null ? {} : { externalId: current.externalId }) };
  }

  async apply(operations: PatchOperation[]): Promise<GroupPatchResult> {
    for (const operation of operations) {
      if (operation.path === undefined) {
        await this.applyPathless(operation);
      } else if (isMembersPath(operation.path)) {
        await this.applyMembers(operation);
      } else {
        this.applyAttribute(operation);
      }
    }
    const parsed = parseGroupInput(this.resource);
    return { state: { displayName: parsed.displayName, externalId: parsed.externalId, resource: parsed.resource }, members: this.members };
  }

  /** Okta's rename sends `{"op":"replace","value":{"id":"…","displayName":"…"}}`; `members` may ride along. */
  private async applyPathless(operation: PatchOperation): Promise<void> {
    const value = operation.value as JsonObject;
    const members = getAttribute(value, 'members');
    const rest = Object.fromEntries(Object.entries(value).filter(([key]) => key.toLowerCase() !== 'members'));
    if (members !== undefined) {
      await this.changeMembers(operation.op, members === null ? [] : parseMemberValues(members, 'value.members'));
    }
    if (Object.keys(rest).length > 0) this.applyAttribute({ op: operation.op, value: rest });
  }

  private async applyMembers(operation: PatchOperation): Promise<void> {
    const path = parsePatchPath(operation.path as string);
    if (path.valueFilter) {
      if (operation.op !== 'remove') {
        throw ScimError.badRequest(
          'invalidPath',
          `"${operation.path}" cannot be used with "${operation.op}": a member's value is immutable. Remove the member and add the new one.`,
        );
      }
      await this.removeMatching(path.valueFilter);
      return;
    }
    if (operation.op === 'remove') {
      // RFC 7644 removes every member here; Microsoft Entra ID sends a value list and means only those.
      const listed = operation.value === undefined || operation.value === null ? undefined : parseMemberValues(operation.value, 'value');
      this.members.recordRemoved(await this.groups.removeMembers(this.manager, this.groupId, listed?.map(normalizeId)));
      return;
    }
    await this.changeMembers(operation.op, parseMemberValues(operation.value ?? [], 'value'));
  }

  private async changeMembers(op: PatchOperation['op'], rawIds: string[]): Promise<void> {
    const ids = rawIds.map(normalizeId);
    if (op === 'remove') {
      this.members.recordRemoved(await this.groups.removeMembers(this.manager, this.groupId, ids));
      return;
    }
    await this.requireUsers(ids);
    if (op === 'add') {
      this.members.recordAdded(await this.groups.addMembers(this.manager, this.groupId, ids));
    } else {
      const { added, removed } = await this.groups.replaceMembers(this.manager, this.groupId, ids);
      this.members.recordRemoved(removed);
      this.members.recordAdded(added);
    }
  }

  /**
   * `members[value eq "<id>"]`, or any other filter over value, display and type. Every string
   * compares without regard to case, so that an upper-cased id matches as it does on add.
   */
  private async removeMatching(filter: FilterNode): Promise<void> {
    const id = valueEquality(filter);
    if (id !== undefined) {
      // Okta sends one such operation per leaving member, up to 1000 in a request, so this skips loading the member list.
      this.members.recordRemoved(await this.groups.removeMembers(this.manager, this.groupId, [normalizeId(id)]));
      return;
    }
    const current = (await this.groups.membersOf(this.manager, [this.groupId])).get(this.groupId) ?? [];
    const matching = current
      .filter((member) => evaluateFilter(filter, { value: member.id, display: member.display, type: 'User' }))
      .map((member) => member.id);
    this.members.recordRemoved(await this.groups.removeMembers(this.manager, this.groupId, matching));
  }

  private applyAttribute(operation: PatchOperation): void {
    this.resource = applyPatch(this.resource, [operation], { coreSchema: groupSchema, extensions: [] });
  }

  private async requireUsers(ids: string[]): Promise<void> {
    const unknown = await this.groups.unknownUserIds(this.manager, this.companyId, ids);
    if (unknown.length > 0) throw unknownMembers(unknown);
  }
}

export function unknownMembers(ids: string[]): ScimError {
  const shown = ids.slice(0, 10).map((id) => `"${id}"`).join(', ');
  const more = ids.length > 10 ? ` and ${ids.length - 10} more` : '';
  return ScimError.badRequest(
    'invalidValue',
    `These member values are not user ids of this company: ${shown}${more}. Provision the users first, then add them to the group.`,
  );
}

/** Resource ids are lower-case UUIDs; a client that upper-cases them still means the same user. */
export function normalizeId(id: string): string {
  return id.toLowerCase();
}

/** Returns the id of a plain `value eq "<id>"` filter, or undefined for any other filter. */
function valueEquality(filter: FilterNode): string | undefined {
  if (filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string') return undefined;
  const path = filter.path;
  return path.schema === undefined && path.subAttribute === undefined && path.attribute.toLowerCase() === 'value' ? filter.value : undefined;
}

function isMembersPath(path: string): boolean {
  return /^(urn:ietf:params:scim:schemas:core:2\.0:Group:)?members(\[|\.|$)/i.test(path.trim());
}
