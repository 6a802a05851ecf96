import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { EventContext } from '@app/events';
import { ScimError } from '@app/scim';
import { ScimTenant } from './auth/scim-auth.guard';

/** Request data a SCIM service needs: the tenant, the public base URL and the event context. */
export interface ScimRequestContext {
  companyId: string;
  /** Base URL of the SCIM API for `meta.location`, e.g. `https://provisioning.example.com/scim/v2`. */
  baseUrl: string;
  event: EventContext;
}

let configuredBaseUrl: string | undefined;

/** Sets the public base URL used in `meta.location`; without it the request's host is used. */
export function setPublicBaseUrl(url: string | undefined): void {
  configuredBaseUrl = url;
}

/** Base URL of the SCIM API as clients reach it. */
export function publicScimBaseUrl(request: FastifyRequest): string {
  const origin = configuredBaseUrl ?? `${request.protocol}://${request.host}`;
  return `${origin}/scim/v2`;
}

export function scimContextFrom(request: FastifyRequest & { scimTenant?: ScimTenant }): ScimRequestContext {
  const tenant = request.scimTenant;
  if (!tenant) throw new ScimError(401, 'The request is not authenticated.');
  return {
    companyId: tenant.companyId,
    baseUrl: publicScimBaseUrl(request),
    event: { companyId: tenant.companyId, actor: `scim-token:${tenant.tokenId}`, correlationId: String(request.id) },
  };
}

/** Injects the `ScimRequestContext` of an authenticated SCIM request. */
export const ScimContext = createParamDecorator((_: unknown, context: ExecutionContext): ScimRequestContext =>
  scimContextFrom(context.switchToHttp().getRequest()),
);
