import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { CreateProvisioningSchema1733300000000 } from './migrations/1733300000000-create-provisioning-schema';

export const MIGRATIONS = [CreateProvisioningSchema1733300000000];

/** Builds the data source configuration shared by both apps, the migration command and the tests. */
export function buildDataSourceOptions(databaseUrl: string, applicationName: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName,
    extra: { max: 10 },
  };
}
