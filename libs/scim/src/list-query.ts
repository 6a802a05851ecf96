import { ScimError } from './errors';
import { describe } from './resources/resource-values';

/** Largest page the server returns; a larger `count` is lowered to it (RFC 7644, section 3.4.2.4). */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

export interface ListQuery {
  filter: string | undefined;
  /** 1-based index of the first result. */
  startIndex: number;
  count: number;
  attributes: string[] | undefined;
  excludedAttributes: string[] | undefined;
}

export type RawQuery = Readonly<Record<string, unknown>>;

/** Reads the list parameters of a SCIM query string, tolerating the values RFC 7644 says to tolerate. */
export function parseListQuery(query: RawQuery): ListQuery {
  const filter = single(query, 'filter');
  return {
    filter: filter === undefined || filter.trim() === '' ? undefined : filter,
    // RFC 7644: a startIndex below 1 is read as 1, and a negative count as 0.
    startIndex: Math.max(1, integerParameter(query, 'startIndex') ?? 1),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, integerParameter(query, 'count') ?? DEFAULT_PAGE_SIZE)),
    attributes: listParameter(query, 'attributes'),
    excludedAttributes: listParameter(query, 'excludedAttributes'),
  };
}

/** Reads `attributes` / `excludedAttributes` for a single-resource GET. */
export function parseProjectionQuery(query: RawQuery): Pick<ListQuery, 'attributes' | 'excludedAttributes'> {
  return { attributes: listParameter(query, 'attributes'), excludedAttributes: listParameter(query, 'excludedAttributes') };
}

function single(query: RawQuery, name: string): string | undefined {
  const key = Object.keys(query).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : query[key];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    throw ScimError.badRequest('invalidValue', `The query parameter ${name} was given ${value.length} times; give it once.`);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function integerParameter(query: RawQuery, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\s*-?\d{1,12}\s*$/.test(value)) {
    throw ScimError.badRequest('invalidValue', `The query parameter ${name} must be a whole number, got ${describe(value)}.`);
  }
  return Number(value);
}

function listParameter(query: RawQuery, name: string): string[] | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length > 0 ? items : undefined;
}
