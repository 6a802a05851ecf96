/**
 * Attribute reference in a filter or PATCH path. `attribute` and `subAttribute` keep the
 * spelling the client sent; `schema` is the URN prefix, when the client wrote one.
 */
export interface AttributePath {
  schema?: string;
  attribute: string;
  subAttribute?: string;
}

/** Comparison operators of RFC 7644, section 3.4.2.2, in lower case. */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** Literal on the right of a comparison: a JSON string, number, `true`, `false` or `null`. */
export type FilterValue = string | number | boolean | null;

/**
 * Parsed filter expression. In a `valuePath` node (`emails[type eq "work"]`), the paths of the
 * inner filter name sub-attributes of the elements of `path`.
 */
export type FilterNode =
  | { kind: 'compare'; path: AttributePath; op: CompareOperator; value: FilterValue }
  | { kind: 'present'; path: AttributePath }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'valuePath'; path: AttributePath; filter: FilterNode };

export const COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
