import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { createLocationAccessApp } from '../../apps/location-access/src/bootstrap';
import { createGatewayApp } from '../../apps/scim-gateway/src/bootstrap';
import { HttpClient } from './http-client';
import { TEST_ADMIN_TOKEN, testConfig } from './test-config';

export interface Tenant {
  companyId: string;
  token: string;
  scim: HttpClient;
}

export interface StackOptions {
  /** Environment overrides for both apps, e.g. another NATS_URL. */
  env?: Partial<Record<string, string>>;
  /** Start location-access as well; off for tests of the gateway alone. */
  withLocationAccess?: boolean;
}

/**
 * Both apps, built with the same bootstrap functions as production, listening on free ports of
 * 127.0.0.1 and connected to the real PostgreSQL and NATS.
 */
export class TestStack {
  readonly admin: HttpClient;
  readonly http: HttpClient;

  private constructor(
    readonly config: AppConfig,
    readonly gateway: NestFastifyApplication,
    readonly locationAccess: NestFastifyApplication | undefined,
    readonly baseUrl: string,
  ) {
    this.http = new HttpClient(baseUrl);
    this.admin = this.http.withHeaders({ Authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
  }

  static async start(options: StackOptions = {}): Promise<TestStack> {
    const config = testConfig(options.env);
    const gateway = await createGatewayApp(config);
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    const address = gateway.getHttpServer().address() as { port: number };
    let locationAccess: NestFastifyApplication | undefined;
    if (options.withLocationAccess ?? true) {
      locationAccess = await createLocationAccessApp(config);
      await locationAccess.startAllMicroservices();
      await locationAccess.listen({ port: 0, host: '127.0.0.1' });
    }
    return new TestStack(config, gateway, locationAccess, `http://127.0.0.1:${address.port}`);
  }

  get dataSource(): DataSource {
    return this.gateway.get<DataSource>(getDataSourceToken());
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  /** Creates a company with SCIM enabled and returns a SCIM client holding its token. */
  async createTenant(name = `Company ${randomUUID().slice(0, 8)}`): Promise<Tenant> {
    const company = await this.admin.post('/admin/v1/companies', { name }, { contentType: 'application/json' });
    if (company.status !== 201) throw new Error(`company create failed: ${company.status} ${company.text}`);
    const token = await this.admin.post(`/admin/v1/companies/${company.body.id}/scim/token`);
    if (token.status !== 201) throw new Error(`token create failed: ${token.status} ${token.text}`);
    return {
      companyId: company.body.id,
      token: token.body.token,
      scim: this.http.withHeaders({ Authorization: `Bearer ${token.body.token}` }),
    };
  }

  async createLocation(companyId: string, name: string): Promise<string> {
    const response = await this.admin.post(`/admin/v1/companies/${companyId}/locations`, { name }, { contentType: 'application/json' });
    if (response.status !== 201) throw new Error(`location create failed: ${response.status} ${response.text}`);
    return response.body.id;
  }

  async mapGroup(companyId: string, groupId: string, locationIds: string[]): Promise<void> {
    const response = await this.admin.put(`/admin/v1/companies/${companyId}/groups/${groupId}/locations`, { locationIds }, { contentType: 'application/json' });
    if (response.status !== 200) throw new Error(`mapping failed: ${response.status} ${response.text}`);
  }

  /** Current access of a company as sorted `userId:locationId` pairs. */
  async accessPairs(companyId: string): Promise<string[]> {
    const rows = await this.query<{ user_id: string; location_id: string }>(
      `SELECT user_id, location_id FROM user_location_access WHERE company_id = $1 ORDER BY user_id, location_id`,
      [companyId],
    );
    return rows.map((row) => `${row.user_id}:${row.location_id}`);
  }

  async close(): Promise<void> {
    await this.locationAccess?.close();
    await this.gateway.close();
  }
}

/** Builds a minimal Okta-style user body with a unique userName. */
export function oktaUser(userName = `user.${randomUUID().slice(0, 8)}@example.com`, overrides: Record<string, unknown> = {}) {
  const [given] = userName.split('@');
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: given, familyName: 'Tester' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `${given} Tester`,
    locale: 'en-US',
    externalId: `00u${randomUUID().replace(/-/g, '').slice(0, 17)}`,
    groups: [],
    password: 'placeholder-Okta-password-1',
    active: true,
    ...overrides,
  };
}

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export function patchBody(...operations: Record<string, unknown>[]) {
  return { schemas: [PATCH_OP], Operations: operations };
}
