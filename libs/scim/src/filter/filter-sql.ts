import { ScimError } from '../errors';
import { ENTERPRISE_USER_SCHEMA_ID, GROUP_SCHEMA_ID, USER_SCHEMA_ID } from '../schemas/schema-types';
import { findAttribute } from '../schemas/find-attribute';
import { enterpriseUserSchema } from '../schemas/enterprise-user-schema';
import { formatAttributePath } from './attribute-path';
import { AttributePath, CompareOperator, FilterNode, FilterValue } from './filter-types';
import { escapeLikePattern, formatFilterValue, toBooleanParameter, toTimestampParameter } from './filter-sql-values';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * SQL expression for one filterable attribute. An `id` column is a uuid column: a malformed id
 * in a filter matches no row instead of failing the cast to uuid.
 */
export interface FilterColumn {
  sql: string;
  type: 'string' | 'boolean' | 'dateTime' | 'id';
  caseExact: boolean;
  /** Attribute name as clients write it, e.g. `userName`, for error messages; the key when absent. */
  name?: string;
}

/**
 * Filterable columns by attribute path, which is lower-case, without schema URN and dotted for
 * sub-attributes, such as 'username', 'name.givenname', 'emails.value' or 'meta.created'.
 */
export type FilterColumnMap = Readonly<Record<string, FilterColumn>>;

/** SQL text with `$n` placeholders and the values to bind to them, in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** Operators each column type supports, besides `pr`. */
const SUPPORTED_OPERATORS: Readonly<Record<FilterColumn['type'], readonly CompareOperator[]>> = {
  string: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  id: ['eq', 'ne'],
  boolean: ['eq', 'ne'],
  dateTime: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
};
const SQL_OPERATORS: Readonly<Record<'eq' | 'gt' | 'ge' | 'lt' | 'le', string>> = {
  eq: '=',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

/**
 * Translates a filter into a PostgreSQL condition. Values are bound as parameters numbered
 * from `firstParamIndex`, and never appear in the SQL text.
 * `ne` uses IS DISTINCT FROM, so rows where the column is NULL match it. `not (...)` becomes
 * `(...) IS NOT TRUE`, so a comparison with NULL counts as false before the negation.
 * `eq null` and `ne null` test for NULL. A core User or Group schema URN prefix is stripped, and
 * so is the Enterprise User one for attributes that extension defines.
 * Throws ScimError 400 `invalidFilter` for an attribute missing from `columns`, an operator
 * the column type does not support or a value of the wrong type, and `invalidValue` for an
 * unparsable dateTime value.
 */
export function filterToSql(node: FilterNode, columns: FilterColumnMap, firstParamIndex: number): SqlFragment {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${firstParamIndex + params.length - 1}`;
  };
  const sql = new SqlTranslator(columns, bind).translate(node, '');
  return { sql, params };
}

type Bind = (value: unknown) => string;

class SqlTranslator {
  constructor(
    private readonly columns: FilterColumnMap,
    private readonly bind: Bind,
  ) {}

  /** `prefix` is the multi-valued attribute (`emails.`) while translating inside a value filter. */
  translate(node: FilterNode, prefix: string): string {
    switch (node.kind) {
      case 'and':
        return `(${this.translate(node.left, prefix)} AND ${this.translate(node.right, prefix)})`;
      case 'or':
        return `(${this.translate(node.left, prefix)} OR ${this.translate(node.right, prefix)})`;
      case 'not':
        return `(${this.translate(node.operand, prefix)}) IS NOT TRUE`;
      case 'present': {
        const column = this.resolveColumn(node.path, prefix);
        return column.type === 'string' ? `(${column.sql} IS NOT NULL AND ${column.sql} <> '')` : `${column.sql} IS NOT NULL`;
      }
      case 'compare':
        return this.translateComparison(node.path, node.op, node.value, prefix);
      case 'valuePath':
        if (prefix) {
          this.fail(`a value filter inside "${prefix.slice(0, -1)}[...]" is not supported. Use one level of [ ].`);
        }
        return this.translate(node.filter, `${this.resolveValuePathParent(node.path)}.`);
    }
  }

  private translateComparison(path: AttributePath, op: CompareOperator, value: FilterValue, prefix: string): string {
    const column = this.resolveColumn(path, prefix);
    const name = formatAttributePath(path);

    if (value === null && (op === 'eq' || op === 'ne')) {
      return `${column.sql} ${op === 'eq' ? 'IS NULL' : 'IS NOT NULL'}`;
    }
    if (!SUPPORTED_OPERATORS[column.type].includes(op)) {
      this.fail(
        `operator "${op}" is not supported for attribute "${name}" (${column.type}). ` +
          `Use one of ${[...SUPPORTED_OPERATORS[column.type], 'pr'].join(', ')}.`,
      );
    }

    switch (column.type) {
      case 'boolean':
        return this.compareBoolean(column, name, op, value);
      case 'dateTime':
        return this.compareDateTime(column, name, op, value);
      case 'id':
        return this.compareId(column, op, this.requireString(name, value));
      case 'string':
        return this.compareText(column.sql, column.caseExact, op, this.requireString(name, value));
    }
  }

  private compareText(columnSql: string, caseExact: boolean, op: CompareOperator, value: string): string {
    const fold = (sql: string): string => (caseExact ? sql : `lower(${sql})`);
    switch (op) {
      case 'ne':
        return `${fold(columnSql)} IS DISTINCT FROM ${fold(this.bind(value))}`;
      case 'co':
        return this.like(fold, columnSql, `%${escapeLikePattern(value)}%`);
      case 'sw':
        return this.like(fold, columnSql, `${escapeLikePattern(value)}%`);
      case 'ew':
        return this.like(fold, columnSql, `%${escapeLikePattern(value)}`);
      default:
        return `${fold(columnSql)} ${SQL_OPERATORS[op]} ${fold(this.bind(value))}`;
    }
  }

  /**
   * Compares a uuid column. A value that is not a UUID cannot match, so it becomes a constant
   * instead of a cast that PostgreSQL would reject. A UUID is compared as uuid, so the index is used.
   */
  private compareId(column: FilterColumn, op: CompareOperator, value: string): string {
    const normalized = value.trim().toLowerCase();
    if (!UUID_PATTERN.test(normalized)) return op === 'eq' ? 'FALSE' : 'TRUE';
    const operator = op === 'eq' ? '=' : 'IS DISTINCT FROM';
    return `${column.sql} ${operator} ${this.bind(normalized)}::uuid`;
  }

  private like(fold: (sql: string) => string, columnSql: string, pattern: string): string {
    return `${fold(columnSql)} LIKE ${fold(this.bind(pattern))} ESCAPE '\\'`;
  }

  private compareBoolean(column: FilterColumn, name: string, op: CompareOperator, value: FilterValue): string {
    const flag = toBooleanParameter(value);
    if (flag === undefined) {
      this.fail(`invalid value ${formatFilterValue(value)} for boolean attribute "${name}". Compare with true or false.`);
    }
    const operator = op === 'eq' ? '=' : 'IS DISTINCT FROM';
    return `${column.sql} ${operator} ${this.bind(flag)}`;
  }

  private compareDateTime(column: FilterColumn, name: string, op: CompareOperator, value: FilterValue): string {
    if (typeof value !== 'string') {
      this.fail(
        `invalid value ${formatFilterValue(value)} for dateTime attribute "${name}". ` +
          'Quote an ISO 8601 date and time, e.g. "2024-05-01T09:30:00Z".',
      );
    }
    const placeholder = `${this.bind(toTimestampParameter(value, name))}::timestamptz`;
    const operator = op === 'ne' ? 'IS DISTINCT FROM' : SQL_OPERATORS[op as keyof typeof SQL_OPERATORS];
    return `${column.sql} ${operator} ${placeholder}`;
  }

  private requireString(name: string, value: FilterValue): string {
    if (typeof value !== 'string') {
      this.fail(
        `invalid value ${formatFilterValue(value)} for string attribute "${name}". ` +
          `Quote the value, e.g. ${name} eq "${String(value)}".`,
      );
    }
    return value;
  }

  /** Resolves the parent of a value filter (`emails` in `emails[value eq "x"]`) to its map key prefix. */
  private resolveValuePathParent(path: AttributePath): string {
    return this.attributeKey({ ...path, subAttribute: undefined });
  }

  private resolveColumn(path: AttributePath, prefix: string): FilterColumn {
    if (prefix && (path.schema || path.subAttribute)) {
      this.fail(
        `"${formatAttributePath(path)}" inside "${prefix.slice(0, -1)}[...]" must be a plain sub-attribute name, ` +
          `e.g. ${prefix.slice(0, -1)}[value eq "x"].`,
      );
    }

    const key = prefix + this.attributeKey(path);
    const column = Object.prototype.hasOwnProperty.call(this.columns, key) ? this.columns[key] : undefined;
    if (!column) {
      const written = prefix ? `${prefix.slice(0, -1)}[${path.attribute}]` : formatAttributePath(path);
      this.fail(
        `filtering on attribute "${written}" is not supported. ` +
          `Filter on one of: ${Object.entries(this.columns).map(([known, definition]) => definition.name ?? known).join(', ')} (names are case-insensitive).`,
      );
    }
    return column;
  }

  /** Returns the column map key for a path, after checking and stripping its schema URN. */
  private attributeKey(path: AttributePath): string {
    const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
    if (path.schema) {
      const schema = path.schema.toLowerCase();
      const isCore = schema === USER_SCHEMA_ID.toLowerCase() || schema === GROUP_SCHEMA_ID.toLowerCase();
      const isEnterprise =
        schema === ENTERPRISE_USER_SCHEMA_ID.toLowerCase() && findAttribute(enterpriseUserSchema, name) !== undefined;
      if (!isCore && !isEnterprise) {
        this.fail(
          `attribute "${formatAttributePath(path)}" does not belong to a schema this filter supports. ` +
            `Leave out the URN prefix or use ${USER_SCHEMA_ID}, ${GROUP_SCHEMA_ID} or ${ENTERPRISE_USER_SCHEMA_ID}.`,
        );
      }
    }
    return name.toLowerCase();
  }

  private fail(reason: string): never {
    throw ScimError.badRequest('invalidFilter', `Invalid filter: ${reason}`);
  }
}
