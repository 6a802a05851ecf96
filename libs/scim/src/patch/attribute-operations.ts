import { ScimError } from '../errors';
import { FilterNode } from '../filter/filter-types';
import { findSubAttribute } from '../schemas/find-attribute';
import { ScimAttributeDefinition } from '../schemas/schema-types';
import { AttributeSlot } from './attribute-slot';
import { createElementFromFilter, keepSinglePrimary, selectMatches } from './multi-valued';
import { JsonObject, deepEqual, deleteKey, isRecord, mergeInto, toArray, writeKey } from './object-keys';
import { PatchOpName, PatchPath } from './patch-types';
import { normalizeAttributeValue, normalizeSingleValue } from './value-normalizer';

/** Applies one add, replace or remove to the attribute a parsed path resolved to. */
export function applyToSlot(slot: AttributeSlot, path: PatchPath, op: PatchOpName, value: unknown): void {
  if (path.valueFilter) applyFiltered(slot, path.valueFilter, path.subAttribute, op, value);
  else if (path.subAttribute) applyToSubAttribute(slot, path.subAttribute, op, value);
  else applyToWholeAttribute(slot, op, value);
}

function applyToWholeAttribute(slot: AttributeSlot, op: PatchOpName, value: unknown): void {
  if (op === 'remove') {
    slot.remove();
    return;
  }

  const definition = slot.definition;
  const existing = slot.read();
  const normalized = normalizeAttributeValue(definition, value, slot.label);
  const multiValued = definition ? definition.multiValued : Array.isArray(existing) || Array.isArray(value);

  if (multiValued) {
    const items = toArray(normalized);
    const elements = op === 'add' ? toArray(existing) : [];
    const changed = items.map((item) => addUnlessPresent(elements, item));
    if (hasPrimary(definition)) keepSinglePrimary(elements, changed);
    writeOrRemove(slot, elements);
    return;
  }

  if (normalized === null) {
    // Add of null adds nothing; replace with null unassigns (RFC 7643, section 2.5).
    if (op === 'replace') slot.remove();
    return;
  }

  const complex = definition ? definition.type === 'complex' : isRecord(existing);
  if (complex && isRecord(normalized)) {
    // Both add and replace merge into a complex attribute and keep sub-attributes not given (RFC 7644, section 3.5.2.3).
    const merged = isRecord(existing) ? existing : {};
    mergeInto(merged, normalized);
    writeOrRemove(slot, merged);
    return;
  }
  slot.write(normalized);
}

/** Handles `name.givenName` and also `emails.value` without a filter, which addresses every element. */
function applyToSubAttribute(slot: AttributeSlot, subAttribute: string, op: PatchOpName, value: unknown): void {
  const definition = slot.definition;
  if (definition && definition.type !== 'complex') {
    throw ScimError.badRequest(
      'invalidPath',
      `Invalid path "${slot.label}.${subAttribute}": "${definition.name}" is a ${definition.type} attribute and has no sub-attribute "${subAttribute}". ` +
        `Use the path "${definition.name}".`,
    );
  }

  const subDefinition = definition ? findSubAttribute(definition, subAttribute) : undefined;
  const name = subDefinition?.name ?? subAttribute;
  const subValue = op === 'remove' ? null : normalizeAttributeValue(subDefinition, value, `${slot.label}.${name}`);
  const existing = slot.read();

  if (definition ? definition.multiValued : Array.isArray(existing)) {
    const elements = toArray(existing);
    const objects = elements.filter(isRecord);
    if (objects.length === 0 && subValue !== null) {
      const created: JsonObject = { [name]: subValue };
      elements.push(created);
      objects.push(created);
    }
    for (const element of objects) setOrDelete(element, name, subValue);
    if (hasPrimary(definition)) keepSinglePrimary(elements, objects);
    writeOrRemove(slot, elements);
    return;
  }

  if (existing !== undefined && existing !== null && !isRecord(existing)) {
    throw ScimError.badRequest(
      'invalidPath',
      `Invalid path "${slot.label}.${subAttribute}": "${slot.name}" holds a single ${typeof existing} value, so it has no sub-attribute "${subAttribute}". ` +
        `Use the path "${slot.name}".`,
    );
  }
  const object = isRecord(existing) ? existing : {};
  setOrDelete(object, name, subValue);
  writeOrRemove(slot, object);
}

/** Handles `emails[type eq "work"]` and `emails[type eq "work"].value`. */
function applyFiltered(
  slot: AttributeSlot,
  filter: FilterNode,
  subAttribute: string | undefined,
  op: PatchOpName,
  value: unknown,
): void {
  const definition = slot.definition;
  if (definition && !definition.multiValued) {
    throw ScimError.badRequest(
      'invalidPath',
      `Invalid path "${slot.label}[...]": "${definition.name}" is not multi-valued, so it cannot take a value filter. ` +
        `Use the path "${definition.name}${definition.type === 'complex' ? '.<subAttribute>' : ''}".`,
    );
  }

  const elements = toArray(slot.read());
  const matches = selectMatches(elements, filter, definition);
  const subDefinition = definition && subAttribute ? findSubAttribute(definition, subAttribute) : undefined;
  const subName = subDefinition?.name ?? subAttribute;

  if (op === 'add' && value === null && subName === undefined) return;
  if (op === 'remove' || (value === null && subName === undefined)) {
    // Removing what is already absent succeeds, because identity providers retry requests.
    if (matches.length === 0) return;
    if (subName === undefined) {
      writeOrRemove(slot, elements.filter((element) => !matches.includes(element)));
      return;
    }
    for (const element of matches.filter(isRecord)) deleteKey(element, subName);
    slot.write(elements);
    return;
  }

  let changes: JsonObject;
  if (subName === undefined) {
    changes = requireElementObject(definition, value, slot.label);
  } else {
    changes = { [subName]: normalizeAttributeValue(subDefinition, value, `${slot.label}.${subName}`) };
  }

  let targets = matches.filter(isRecord);
  if (targets.length === 0 && subName !== undefined && changes[subName] === null) return;
  if (targets.length === 0) {
    const created = createElementFromFilter(filter, definition, slot.label);
    elements.push(created);
    targets = [created];
  }
  for (const element of targets) mergeInto(element, changes);
  if (hasPrimary(definition)) keepSinglePrimary(elements, targets);
  writeOrRemove(slot, elements);
}

/** Returns the element in `elements` equal to `item`, appending `item` first when there is none. */
function addUnlessPresent(elements: unknown[], item: unknown): unknown {
  const existing = elements.find((element) => deepEqual(element, item));
  if (existing !== undefined) return existing;
  elements.push(item);
  return item;
}

function setOrDelete(object: JsonObject, name: string, value: unknown): void {
  if (value === null) deleteKey(object, name);
  else writeKey(object, name, value);
}

/** Stores the value, or removes the attribute when the value is an empty array or object (unassigned). */
function writeOrRemove(slot: AttributeSlot, value: unknown[] | JsonObject): void {
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
  if (empty) slot.remove();
  else slot.write(value);
}

function hasPrimary(definition: ScimAttributeDefinition | undefined): boolean {
  return definition !== undefined && findSubAttribute(definition, 'primary') !== undefined;
}

function requireElementObject(definition: ScimAttributeDefinition | undefined, value: unknown, label: string): JsonObject {
  const element = definition ? normalizeSingleValue(definition, value, label) : structuredClone(value);
  if (!isRecord(element)) {
    throw ScimError.badRequest(
      'invalidValue',
      `Invalid value for "${label}[...]": expected an object of sub-attributes, e.g. {"value":"..."}. ` +
        'To set one sub-attribute, add it to the path, e.g. emails[type eq "work"].value.',
    );
  }
  return element;
}
