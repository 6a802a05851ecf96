/** A user as GET /admin/v1/companies/{id}/users/{userId} returns it. */
export interface AdminUserDetail {
  id: string;
  userName: string;
  active: boolean;
  groups: { id: string; displayName: string }[];
  locations: { id: string; name: string; grantedByGroupIds: string[] }[];
}

interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Largest page the admin API serves. */
const PAGE_LIMIT = 500;
const REQUEST_TIMEOUT_MS = 10_000;

/** Client of the gateway's admin API (`/admin/v1`), which the demo uses as an operator would. */
export class AdminClient {
  /** `signal` aborts every request in flight, so that no connection stays busy while the apps stop. */
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly signal?: AbortSignal,
  ) {}

  async createCompany(name: string): Promise<{ id: string; name: string }> {
    return this.request('POST', '/admin/v1/companies', { name });
  }

  async createLocation(companyId: string, name: string): Promise<{ id: string; name: string }> {
    return this.request('POST', `/admin/v1/companies/${companyId}/locations`, { name });
  }

  /** Enables SCIM for the company and returns its token, which the API shows only once. */
  async issueScimToken(companyId: string): Promise<{ token: string; hint: string }> {
    return this.request('POST', `/admin/v1/companies/${companyId}/scim/token`);
  }

  async setGroupLocations(companyId: string, groupId: string, locationIds: string[]): Promise<void> {
    await this.request('PUT', `/admin/v1/companies/${companyId}/groups/${groupId}/locations`, { locationIds });
  }

  async getUser(companyId: string, userId: string): Promise<AdminUserDetail> {
    return this.request('GET', `/admin/v1/companies/${companyId}/users/${userId}`);
  }

  /** Ids of every user who can access the location now. */
  async locationUserIds(companyId: string, locationId: string): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += PAGE_LIMIT) {
      const page = await this.request<Page<{ id: string }>>(
        'GET',
        `/admin/v1/companies/${companyId}/locations/${locationId}/users?limit=${PAGE_LIMIT}&offset=${offset}`,
      );
      ids.push(...page.items.map((user) => user.id));
      if (page.items.length === 0 || ids.length >= page.total) return ids;
    }
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.signal ? AbortSignal.any([this.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Admin API ${method} ${path} failed with status ${response.status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
