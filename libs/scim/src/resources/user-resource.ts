import { ScimError } from '../errors';
import { ENTERPRISE_USER_SCHEMA_ID, USER_SCHEMA_ID, userSchema } from '../schemas';
import {
  JsonObject,
  describe,
  getAttribute,
  isJsonObject,
  optionalBoolean,
  optionalIndexedString,
  optionalString,
  withoutKeys,
} from './resource-values';

/** Attributes the server sets; a client's values for them are ignored on POST and PUT. */
const SERVER_ATTRIBUTES = ['id', 'meta', 'schemas', 'groups'];
/** Accepted but never stored or returned: Okta sends a placeholder password with every create. */
const WRITE_ONLY_ATTRIBUTES = ['password'];
export const MAX_USER_NAME_LENGTH = 512;

/** A validated user: the columns used for lookups, and the resource stored and returned as sent. */
export interface UserInput {
  userName: string;
  externalId: string | null;
  active: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  primaryEmail: string | null;
  resource: JsonObject;
}

const canonicalUserNames = new Map(userSchema.attributes.map((attribute) => [attribute.name.toLowerCase(), attribute.name]));

/**
 * Validates a User body from POST, PUT or a PATCH result. Modelled attributes are type-checked;
 * every other attribute, extensions included, is kept unchanged in `resource`.
 */
export function parseUserInput(body: unknown): UserInput {
  if (!isJsonObject(body)) {
    throw ScimError.badRequest('invalidSyntax', `The request body must be a JSON object, got ${describe(body)}.`);
  }
  const resource = dropEmptyEmails(canonicalizeKeys(withoutKeys(body, [...SERVER_ATTRIBUTES, ...WRITE_ONLY_ATTRIBUTES])));

  const userName = optionalString(resource, 'userName');
  if (userName === null || userName.trim() === '') {
    throw ScimError.badRequest('invalidValue', 'userName is required and must be a non-empty string, e.g. "alice@example.com".');
  }
  if (userName.length > MAX_USER_NAME_LENGTH) {
    throw ScimError.badRequest('invalidValue', `userName is ${userName.length} characters long; the maximum is ${MAX_USER_NAME_LENGTH}.`);
  }

  const active = optionalBoolean(resource, 'active') ?? true;
  resource.active = active;

  const name = getAttribute(resource, 'name');
  if (name !== undefined && name !== null && !isJsonObject(name)) {
    throw ScimError.badRequest('invalidValue', `name must be an object such as {"givenName": "Ann"}, got ${describe(name)}.`);
  }
  const nameObject = isJsonObject(name) ? name : {};

  const enterprise = resource[ENTERPRISE_USER_SCHEMA_ID];
  if (enterprise !== undefined && !isJsonObject(enterprise)) {
    throw ScimError.badRequest('invalidValue', `${ENTERPRISE_USER_SCHEMA_ID} must be an object, got ${describe(enterprise)}.`);
  }

  return {
    userName,
    externalId: optionalIndexedString(resource, 'externalId'),
    active,
    displayName: optionalString(resource, 'displayName'),
    givenName: optionalString(nameObject, 'givenName', 'name.givenName'),
    familyName: optionalString(nameObject, 'familyName', 'name.familyName'),
    primaryEmail: primaryEmailOf(resource),
    resource,
  };
}

/**
 * Removes e-mail elements left without a value, as after Entra's PATCH
 * `remove emails[type eq "work"].value`: an address without a value means no address.
 */
function dropEmptyEmails(resource: JsonObject): JsonObject {
  const emails = resource.emails;
  if (!Array.isArray(emails)) return resource;
  const kept = emails.filter((email) => {
    if (!isJsonObject(email)) return true;
    const value = getAttribute(email, 'value');
    return value !== undefined && value !== null && value !== '';
  });
  if (kept.length === emails.length) return resource;
  const result: JsonObject = { ...resource, emails: kept };
  if (kept.length === 0) delete result.emails;
  return result;
}

/** Picks the e-mail flagged primary, else the work one, else the first. */
function primaryEmailOf(resource: JsonObject): string | null {
  const emails = getAttribute(resource, 'emails');
  if (emails === undefined || emails === null) return null;
  if (!Array.isArray(emails)) {
    throw ScimError.badRequest('invalidValue', `emails must be a list such as [{"value": "a@example.com"}], got ${describe(emails)}.`);
  }
  emails.forEach((email, index) => {
    if (!isJsonObject(email) || typeof getAttribute(email, 'value') !== 'string') {
      throw ScimError.badRequest('invalidValue', `emails[${index}] must be an object with a string "value", got ${describe(email)}.`);
    }
    optionalIndexedString(email, 'value', `emails[${index}].value`);
    optionalBoolean(email, 'primary', `emails[${index}].primary`);
  });
  const list = emails as JsonObject[];
  const chosen =
    list.find((email) => optionalBoolean(email, 'primary') === true) ??
    list.find((email) => String(getAttribute(email, 'type')).toLowerCase() === 'work') ??
    list[0];
  return chosen ? (getAttribute(chosen, 'value') as string) : null;
}

/** Writes core attribute names with the schema's spelling, so `UserName` and `userName` are one attribute. */
function canonicalizeKeys(resource: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    result[canonicalUserNames.get(key.toLowerCase()) ?? key] = value;
  }
  return result;
}

/** Schema URNs of a stored user: the core schema plus each extension it carries. */
export function userSchemas(resource: JsonObject): string[] {
  const extensions = Object.keys(resource).filter((key) => key.toLowerCase().startsWith('urn:'));
  return [USER_SCHEMA_ID, ...extensions];
}
