import { AttributePath, CompareOperator, FilterNode, FilterValue } from './filter-types';

/** xsd:dateTime as RFC 7643, section 2.3.5 uses it, such as 2024-05-01T09:30:00Z. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/i;

/**
 * Evaluates a filter against one in-memory object, such as an element of a multi-valued
 * attribute in a PATCH value filter. Attribute names match in any case. Strings compare
 * case-insensitively unless `caseExactAttributes` lists the attribute (`value`) or the
 * attribute and sub-attribute (`name.givenName`), in any case. When the attribute contains an
 * array, a comparison is true if it is true for any element, and `ne` is the negation of `eq`.
 * Strings that are both dateTime values compare by instant under gt, ge, lt and le.
 */
export function evaluateFilter(
  node: FilterNode,
  element: Record<string, unknown>,
  caseExactAttributes?: ReadonlySet<string>,
): boolean {
  const caseExact = new Set([...(caseExactAttributes ?? [])].map((name) => name.toLowerCase()));
  return evaluateNode(node, element, caseExact);
}

function evaluateNode(node: FilterNode, element: Record<string, unknown>, caseExact: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateNode(node.left, element, caseExact) && evaluateNode(node.right, element, caseExact);
    case 'or':
      return evaluateNode(node.left, element, caseExact) || evaluateNode(node.right, element, caseExact);
    case 'not':
      return !evaluateNode(node.operand, element, caseExact);
    case 'present':
      return isPresent(readPath(element, node.path));
    case 'compare': {
      const actual = readPath(element, node.path);
      const exact = caseExact.has(pathKey(node.path));
      if (node.op === 'ne') return !matchesAny(actual, 'eq', node.value, exact);
      return matchesAny(actual, node.op, node.value, exact);
    }
    case 'valuePath': {
      const prefix = `${node.path.attribute.toLowerCase()}.`;
      const innerCaseExact = new Set(
        [...caseExact].filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)),
      );
      return toArray(readPath(element, node.path)).some(
        (item) => isRecord(item) && evaluateNode(node.filter, item, innerCaseExact),
      );
    }
  }
}

/**
 * Reads the value at a path. A schema URN selects the extension object stored under that key
 * when the element has one, and is ignored otherwise.
 */
function readPath(element: Record<string, unknown>, path: AttributePath): unknown {
  let container = element;
  if (path.schema) {
    const extension = readKey(element, path.schema);
    if (isRecord(extension)) container = extension;
  }

  const value = readKey(container, path.attribute);
  if (path.subAttribute === undefined) return value;

  const subAttribute = path.subAttribute;
  if (Array.isArray(value)) {
    return value.filter(isRecord).map((item) => readKey(item, subAttribute));
  }
  return isRecord(value) ? readKey(value, subAttribute) : undefined;
}

function readKey(object: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(object, name)) return object[name];
  const lowerName = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lowerName);
  return key === undefined ? undefined : object[key];
}

function pathKey(path: AttributePath): string {
  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return name.toLowerCase();
}

function matchesAny(actual: unknown, op: CompareOperator, expected: FilterValue, caseExact: boolean): boolean {
  if (Array.isArray(actual)) {
    if (actual.length === 0) return expected === null && op === 'eq';
    return actual.some((item) => matchesOne(item, op, expected, caseExact));
  }
  return matchesOne(actual, op, expected, caseExact);
}

function matchesOne(actual: unknown, op: CompareOperator, expected: FilterValue, caseExact: boolean): boolean {
  if (expected === null) return op === 'eq' && (actual === null || actual === undefined);
  if (typeof expected === 'boolean') return op === 'eq' && toBoolean(actual) === expected;
  if (typeof expected === 'number') {
    return typeof actual === 'number' && compareOrdered(actual - expected, op);
  }
  if (typeof actual !== 'string') return false;

  const left = caseExact ? actual : actual.toLowerCase();
  const right = caseExact ? expected : expected.toLowerCase();
  switch (op) {
    case 'eq':
      return left === right;
    case 'co':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
    default:
      if (DATE_TIME.test(actual) && DATE_TIME.test(expected)) {
        const difference = Date.parse(actual) - Date.parse(expected);
        if (!Number.isNaN(difference)) return compareOrdered(difference, op);
      }
      if (left === right) return compareOrdered(0, op);
      return compareOrdered(left < right ? -1 : 1, op);
  }
}

/** Applies eq, gt, ge, lt or le to the sign of `difference`; other operators never match here. */
function compareOrdered(difference: number, op: CompareOperator): boolean {
  switch (op) {
    case 'eq':
      return difference === 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      return false;
  }
}

/**
 * Accepts the strings "true" and "false" as well, because Entra ID sends booleans as strings and
 * attributes that no schema defines are stored as sent.
 */
function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
  }
  return undefined;
}

/** Checks the `pr` operator: the value is not null, not empty, and not made only of empty parts. */
function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isRecord(value)) return Object.values(value).some(isPresent);
  return true;
}

function toArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
