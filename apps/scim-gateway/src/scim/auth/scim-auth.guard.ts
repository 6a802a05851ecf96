import { CanActivate, ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ScimError } from '@app/scim';
import { createLogger, errorFields } from '@app/logging';
import { LAST_USED_RESOLUTION_SECONDS, ScimTokenRepository } from './scim-token.repository';
import { hashScimToken, hashesEqual, tokenFromAuthorization } from './scim-token';

/** The company that owns the presented SCIM token, and which token it was. */
export interface ScimTenant {
  companyId: string;
  tokenId: string;
}

type TenantRequest = FastifyRequest & { scimTenant?: ScimTenant };

/**
 * Authenticates SCIM requests. The tenant is the company that owns the token; every SCIM query
 * is scoped to it.
 */
@Injectable()
export class ScimAuthGuard implements CanActivate {
  private readonly logger = createLogger(ScimAuthGuard.name);

  constructor(private readonly tokens: ScimTokenRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const token = tokenFromAuthorization(request.headers.authorization);
    if (!token) {
      throw new ScimError(401, 'Missing bearer token. Send "Authorization: Bearer <SCIM token>" with the token from the Zerocater admin.');
    }
    const hash = hashScimToken(token);
    const stored = await this.tokens.findActiveByHash(hash);
    if (!stored || !hashesEqual(stored.tokenHash, hash)) {
      this.logger.info({ requestId: request.id, ip: request.ip }, 'SCIM request with an unknown or revoked token');
      throw new ScimError(401, 'The bearer token is invalid or has been revoked. Generate a new SCIM token in the Zerocater admin and update it in the identity provider.');
    }
    request.scimTenant = { companyId: stored.companyId, tokenId: stored.id };
    // The lookup already read last_used_at, so most requests skip the write entirely.
    if (stored.lastUsedAt === null || Date.now() - stored.lastUsedAt.getTime() > LAST_USED_RESOLUTION_SECONDS * 1000) {
      this.tokens.recordUse(stored.id).catch((error: unknown) => {
        this.logger.warn({ ...errorFields(error), tokenId: stored.id }, 'recording the SCIM token use failed');
      });
    }
    return true;
  }
}

/** Injects the authenticated `ScimTenant` into a SCIM controller method. */
export const Tenant = createParamDecorator((_: unknown, context: ExecutionContext): ScimTenant => {
  const tenant = context.switchToHttp().getRequest<TenantRequest>().scimTenant;
  if (!tenant) throw new ScimError(401, 'The request is not authenticated.');
  return tenant;
});
