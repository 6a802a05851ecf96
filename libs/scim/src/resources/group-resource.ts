import { ScimError } from '../errors';
import { GROUP_SCHEMA_ID } from '../schemas';
import { JsonObject, describe, getAttribute, isJsonObject, optionalIndexedString, optionalString, withoutKeys } from './resource-values';

const SERVER_ATTRIBUTES = ['id', 'meta', 'schemas'];
export const MAX_DISPLAY_NAME_LENGTH = 512;

/** A validated group. Members are kept apart because they are stored as rows, not in `resource`. */
export interface GroupInput {
  displayName: string;
  externalId: string | null;
  /** Member user ids in request order, duplicates removed; `undefined` when the body had no `members`. */
  memberIds: string[] | undefined;
  resource: JsonObject;
}

export function parseGroupInput(body: unknown): GroupInput {
  if (!isJsonObject(body)) {
    throw ScimError.badRequest('invalidSyntax', `The request body must be a JSON object, got ${describe(body)}.`);
  }
  const resource = withoutKeys(body, [...SERVER_ATTRIBUTES, 'members']);
  const displayName = parseDisplayName(getAttribute(resource, 'displayName'));
  const members = getAttribute(body, 'members');
  return {
    displayName,
    externalId: optionalIndexedString(resource, 'externalId'),
    memberIds: members === undefined || members === null ? undefined : parseMemberValues(members, 'members'),
    resource: { ...withoutKeys(resource, ['displayName', 'externalId']), displayName, ...externalIdOf(resource) },
  };
}

export function parseDisplayName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw ScimError.badRequest('invalidValue', `displayName is required and must be a non-empty string, got ${describe(value)}.`);
  }
  if (value.length > MAX_DISPLAY_NAME_LENGTH) {
    throw ScimError.badRequest('invalidValue', `displayName is ${value.length} characters long; the maximum is ${MAX_DISPLAY_NAME_LENGTH}.`);
  }
  return value;
}

/**
 * Reads a member list such as `[{"value": "<user id>", "display": "Ann"}]`. A single object is
 * accepted as a list of one, since some clients send that for one member.
 */
export function parseMemberValues(value: unknown, label: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  const ids = list.map((member, index) => {
    const id = isJsonObject(member) ? getAttribute(member, 'value') : undefined;
    if (typeof id !== 'string' || id === '') {
      throw ScimError.badRequest(
        'invalidValue',
        `${label}[${index}] must be an object with the member's user id in "value", got ${describe(member)}.`,
      );
    }
    return id;
  });
  return [...new Set(ids)];
}

function externalIdOf(resource: JsonObject): JsonObject {
  const externalId = optionalString(resource, 'externalId');
  return externalId === null ? {} : { externalId };
}

export function groupSchemas(): string[] {
  return [GROUP_SCHEMA_ID];
}
