import { DataSource } from 'typeorm';
import { SqlFragment } from '@app/scim';

export interface Page<Row> {
  total: number;
  rows: Row[];
}

export interface PageQuery {
  /** Table and alias, e.g. `users u`; the alias prefixes `company_id` and `created_at`. */
  from: string;
  alias: string;
  columns: string;
  companyId: string;
  /** Filter SQL whose placeholders start at $2, after the company id. */
  filter: SqlFragment | undefined;
  /** 1-based index of the first row. */
  startIndex: number;
  count: number;
}

/**
 * Reads the total and one page of a company's resources in creation order, which stays stable
 * while an identity provider pages through it. Both reads share one REPEATABLE READ snapshot, so
 * `totalResults` matches the page under concurrent writes.
 */
export function readPage<Row>(dataSource: DataSource, query: PageQuery): Promise<Page<Row>> {
  const { alias, filter } = query;
  const where = `${alias}.company_id = $1${filter ? ` AND (${filter.sql})` : ''}`;
  const params = [query.companyId, ...(filter?.params ?? [])];
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const totals: { total: string }[] = await manager.query(`SELECT count(*) AS total FROM ${query.from} WHERE ${where}`, params);
    const total = Number(totals[0].total);
    if (query.count === 0 || query.startIndex > total) return { total, rows: [] };
    const rows: Row[] = await manager.query(
      `SELECT ${query.columns} FROM ${query.from} WHERE ${where}
       ORDER BY ${alias}.created_at, ${alias}.id OFFSET ${query.startIndex - 1} LIMIT ${query.count}`,
      params,
    );
    return { total, rows };
  });
}
