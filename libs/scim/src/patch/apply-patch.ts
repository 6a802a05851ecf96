import { ScimError } from '../errors';
import { splitAttributePath } from '../filter/attribute-path';
import { ScimSchemaDefinition } from '../schemas/schema-types';
import { applyToSlot } from './attribute-operations';
import { AttributeScope, AttributeSlot, findTargetSchema, scopeOf } from './attribute-slot';
import { JsonObject, deleteKey, isRecord } from './object-keys';
import { parsePatchPath } from './patch-path';
import { PatchOperation, PatchOpName, PatchTarget } from './patch-types';

/**
 * Applies PATCH operations (RFC 7644, section 3.5.2) to a stored resource and returns the new
 * resource; the input is not modified. Extension attributes live under their schema URN key.
 *
 * - add sets a single-valued attribute, appends to a multi-valued one (skipping exact
 *   duplicates) and merges the sub-attributes of a complex one. replace does the same, except
 *   that it replaces a whole multi-valued attribute. remove deletes.
 * - A value filter selects elements. Add and replace change every match, or create the element
 *   from the filter's `eq` comparisons when none matches. Remove with no match does nothing,
 *   so that a retried request succeeds.
 * - Without a path, each key of the value is applied as a path of its own. Read-only
 *   attributes (`id`, `meta`, `groups`, `schemas` and those the schemas mark readOnly) are
 *   skipped there, but an explicit path to one raises 400 `mutability`.
 * - Setting `primary: true` on one element clears it on the others.
 *
 * Group `members` gets no special handling: the caller stores members as rows and must take
 * those operations out before calling this, or they are applied to a `members` array like any
 * other multi-valued attribute.
 * Throws ScimError 400 (`invalidPath`, `invalidValue`, `mutability` or `noTarget`) naming the
 * attribute at fault.
 */
export function applyPatch(
  resource: Record<string, unknown>,
  operations: PatchOperation[],
  target: PatchTarget,
): Record<string, unknown> {
  const result = structuredClone(resource);
  for (const operation of operations) applyOperation(result, operation, target);
  return result;
}

function applyOperation(resource: JsonObject, operation: PatchOperation, target: PatchTarget): void {
  const { op, path, value } = operation;

  if (path === undefined) {
    if (op === 'remove') {
      throw ScimError.badRequest('noTarget', '"remove" needs a "path" naming what to remove, e.g. {"op":"remove","path":"nickName"}.');
    }
    applyAttributeMap(resource, op, requireObject(value, op, 'the resource'), target);
    return;
  }

  const schema = findTargetSchema(target, path);
  if (schema) {
    applyToSchema(resource, op, value, schema, target);
    return;
  }

  const parsed = parsePatchPath(path);
  const slot = AttributeSlot.resolve(resource, parsed, target);
  if (slot.isReadOnly(parsed.subAttribute)) throw readOnlyError(slot, parsed.subAttribute);
  applyToSlot(slot, parsed, op, value);
}

/** Applies an operation whose path is a schema URN, such as the Enterprise User extension as a whole. */
function applyToSchema(
  resource: JsonObject,
  op: PatchOpName,
  value: unknown,
  schema: ScimSchemaDefinition,
  target: PatchTarget,
): void {
  if (op !== 'remove') {
    applyAttributeMap(resource, op, requireObject(value, op, schema.id), target, scopeOf(target, schema));
    return;
  }
  if (schema === target.coreSchema) {
    throw ScimError.badRequest(
      'invalidPath',
      `Invalid path "${schema.id}": the core schema cannot be removed. Remove its attributes one by one, or delete the resource.`,
    );
  }
  deleteKey(resource, schema.id);
}

/**
 * Applies each key of a path-less value as a path. A key equal to a schema URN contains an
 * object of that schema's attributes. An unknown `urn:` key with an object value is kept as the
 * attributes of an extension that no schema here defines.
 */
function applyAttributeMap(
  resource: JsonObject,
  op: 'add' | 'replace',
  attributes: JsonObject,
  target: PatchTarget,
  scope?: AttributeScope,
): void {
  for (const [key, value] of Object.entries(attributes)) {
    if (!scope) {
      const schema = findTargetSchema(target, key);
      if (schema) {
        applyAttributeMap(resource, op, requireObject(value, op, schema.id), target, scopeOf(target, schema));
        continue;
      }
      if (isUnknownExtensionObject(key, value, target)) {
        applyAttributeMap(resource, op, value, target, { extensionKey: key });
        continue;
      }
    }

    const path = parsePatchPath(key);
    const slot = AttributeSlot.resolve(resource, path, target, scope);
    if (slot.isReadOnly(path.subAttribute)) continue;
    applyToSlot(slot, path, op, value);
  }
}

function isUnknownExtensionObject(key: string, value: unknown, target: PatchTarget): value is JsonObject {
  if (!key.toLowerCase().startsWith('urn:') || !isRecord(value)) return false;
  const path = splitAttributePath(key);
  return !path?.schema || !findTargetSchema(target, path.schema);
}

function requireObject(value: unknown, op: string, targetName: string): JsonObject {
  if (!isRecord(value)) {
    throw ScimError.badRequest(
      'invalidValue',
      `Invalid value for "${op}" on ${targetName}: expected an object of attributes, e.g. {"active":false}.`,
    );
  }
  return value;
}

function readOnlyError(slot: AttributeSlot, subAttribute?: string): ScimError {
  const name = subAttribute ? `${slot.name}.${subAttribute}` : slot.name;
  const hint =
    slot.name === 'groups'
      ? 'Change memberships through the "members" of the Group resource instead.'
      : 'Remove this operation from the request.';
  return ScimError.badRequest('mutability', `Attribute "${name}" is read-only and cannot be changed with PATCH. ${hint}`);
}
