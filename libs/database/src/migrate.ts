import { DataSource } from 'typeorm';
import { loadDatabaseConfig } from '@app/config';
import { configureLogging, createLogger, errorFields } from '@app/logging';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrations } from './run-migrations';

/** Entry point of `npm run db:migrate`: applies pending migrations and exits. */
async function main(): Promise<void> {
  const config = loadDatabaseConfig();
  configureLogging('db-migrate', config.logLevel);
  const dataSource = new DataSource(buildDataSourceOptions(config.databaseUrl, 'db-migrate'));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  createLogger('Migrations').fatal(errorFields(error), 'migration failed');
  process.exitCode = 1;
});
