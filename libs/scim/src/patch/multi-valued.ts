import { ScimError } from '../errors';
import { evaluateFilter } from '../filter/filter-evaluator';
import { FilterNode } from '../filter/filter-types';
import { findSubAttribute } from '../schemas/find-attribute';
import { ScimAttributeDefinition } from '../schemas/schema-types';
import { JsonObject, isRecord, writeKey } from './object-keys';
import { normalizeAttributeValue } from './value-normalizer';

/**
 * Returns the elements that match a value filter. An element that is not an object is tested
 * as `{value: element}`. String comparisons ignore case except on case-exact sub-attributes.
 */
export function selectMatches(
  elements: unknown[],
  filter: FilterNode,
  definition: ScimAttributeDefinition | undefined,
): unknown[] {
  const caseExact = new Set(
    (definition?.subAttributes ?? []).filter((sub) => sub.caseExact).map((sub) => sub.name),
  );
  return elements.filter((element) =>
    evaluateFilter(filter, isRecord(element) ? element : { value: element }, caseExact),
  );
}

/**
 * Builds a new element from a value filter of `eq` comparisons joined by `and`, such as
 * `type eq "work"`, for an add or replace that targets an element which does not exist yet.
 * Throws ScimError 400 `noTarget` for any other filter, since it does not say what to create.
 */
export function createElementFromFilter(
  filter: FilterNode,
  definition: ScimAttributeDefinition | undefined,
  label: string,
): JsonObject {
  const element: JsonObject = {};
  const clauses = collectEqualities(filter);
  const usable = clauses?.every((clause) => clause.value !== null) ?? false;
  if (!clauses || !usable) {
    throw noTarget(
      label,
      'a new element can only be made from "eq" comparisons with a value, joined by "and", e.g. emails[type eq "work"]',
    );
  }

  for (const clause of clauses) {
    const subAttribute = definition ? findSubAttribute(definition, clause.name) : undefined;
    const name = subAttribute?.name ?? clause.name;
    const value = normalizeAttributeValue(subAttribute, clause.value, `${label}.${name}`);
    const previous = Object.keys(element).find((key) => key.toLowerCase() === name.toLowerCase());
    if (previous !== undefined && element[previous] !== value) {
      throw noTarget(label, `the filter requires two different values for "${name}", so no element can match it`);
    }
    writeKey(element, name, value);
  }
  return element;
}

interface Equality {
  name: string;
  value: string | number | boolean | null;
}

function collectEqualities(filter: FilterNode): Equality[] | undefined {
  if (filter.kind === 'compare') {
    const plainName = !filter.path.schema && !filter.path.subAttribute;
    return filter.op === 'eq' && plainName ? [{ name: filter.path.attribute, value: filter.value }] : undefined;
  }
  if (filter.kind !== 'and') return undefined;

  const left = collectEqualities(filter.left);
  const right = collectEqualities(filter.right);
  return left && right ? [...left, ...right] : undefined;
}

function noTarget(label: string, reason: string): ScimError {
  return ScimError.badRequest(
    'noTarget',
    `No element of "${label}" matches the value filter, and ${reason}. ` +
      'Use such a filter, or add the whole element with a path to the attribute.',
  );
}

/**
 * Keeps at most one element with `primary: true` (RFC 7643, section 2.4): the last of
 * `changed` that has it wins, and every other element that has it gets `primary: false`.
 */
export function keepSinglePrimary(elements: unknown[], changed: unknown[]): void {
  const preferred = [...changed]
    .reverse()
    .find((element) => isRecord(element) && element.primary === true && elements.includes(element));
  if (!preferred) return;

  for (const element of elements) {
    if (element !== preferred && isRecord(element) && element.primary === true) element.primary = false;
  }
}
