import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creates the tables of both apps: tenants and tokens, SCIM resources, locations, access and outbox. */
export class CreateProvisioningSchema1733300000000 implements MigrationInterface {
  name = 'CreateProvisioningSchema1733300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await queryRunner.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE scim_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        token_hash bytea NOT NULL,
        hint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX scim_tokens_hash_key ON scim_tokens (token_hash)`);
    // At most one live token per company: regenerating revokes the old one in the same transaction.
    await queryRunner.query(
      `CREATE UNIQUE INDEX scim_tokens_one_active_per_company ON scim_tokens (company_id) WHERE revoked_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        user_name text NOT NULL,
        external_id text,
        active boolean NOT NULL DEFAULT true,
        display_name text,
        given_name text,
        family_name text,
        primary_email text,
        resource jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_company_user_name_key ON users (company_id, lower(user_name))`);
    await queryRunner.query(`CREATE INDEX users_company_external_id_idx ON users (company_id, external_id)`);
    await queryRunner.query(`CREATE INDEX users_company_created_idx ON users (company_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX users_company_email_idx ON users (company_id, lower(primary_email))`);

    await queryRunner.query(`
      CREATE TABLE groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        display_name text NOT NULL,
        external_id text,
        resource jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX groups_company_display_name_idx ON groups (company_id, lower(display_name))`);
    await queryRunner.query(`CREATE INDEX groups_company_external_id_idx ON groups (company_id, external_id)`);
    await queryRunner.query(`CREATE INDEX groups_company_created_idx ON groups (company_id, created_at, id)`);

    await queryRunner.query(`
      CREATE TABLE group_members (
        group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX group_members_user_idx ON group_members (user_id, group_id)`);

    await queryRunner.query(`
      CREATE TABLE locations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX locations_company_name_key ON locations (company_id, lower(name))`);

    await queryRunner.query(`
      CREATE TABLE group_location_mappings (
        group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
        location_id uuid NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, location_id)
      )`);
    await queryRunner.query(`CREATE INDEX group_location_mappings_location_idx ON group_location_mappings (location_id)`);

    // No foreign keys to users or locations: location-access owns these rows and removes them
    // itself when a user or location is deleted, so that the removal produces an access event.
    await queryRunner.query(`
      CREATE TABLE user_location_access (
        user_id uuid NOT NULL,
        location_id uuid NOT NULL,
        company_id uuid NOT NULL,
        group_ids uuid[] NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, location_id)
      )`);
    await queryRunner.query(`CREATE INDEX user_location_access_location_idx ON user_location_access (location_id)`);
    await queryRunner.query(`CREATE INDEX user_location_access_group_ids_idx ON user_location_access USING gin (group_ids)`);
    await queryRunner.query(`CREATE INDEX user_location_access_company_idx ON user_location_access (company_id)`);

    await queryRunner.query(`
      CREATE TABLE outbox_events (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        producer text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_events_pending_idx ON outbox_events (producer, position) WHERE published_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'outbox_events',
      'user_location_access',
      'group_location_mappings',
      'locations',
      'group_members',
      'groups',
      'users',
      'scim_tokens',
      'companies',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
