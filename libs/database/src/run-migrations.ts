import { DataSource } from 'typeorm';
import { createLogger, errorFields } from '@app/logging';

/** Arbitrary constant that identifies the migration lock among the database's advisory locks. */
const MIGRATION_LOCK_KEY = 728_041_337;

/**
 * Applies pending migrations while holding a session-level advisory lock, so that replicas
 * starting together run them once and the others wait, then find nothing to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const logger = createLogger('Migrations');
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((migration) => migration.name);
    logger.info({ applied: names }, names.length > 0 ? 'migrations applied' : 'schema up to date');
    return names;
  } finally {
    // The lock also ends with the session, which release() below closes, so a failure only costs a log line.
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch((error: unknown) => {
      logger.warn(errorFields(error), 'migration lock release failed');
    });
    await lockRunner.release();
  }
}
