import { Controller, Get, Param, Req, UseInterceptors } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ScimError } from '@app/scim';
import { ListResponse, listResponse } from '../list-response';
import { ScimContentTypeInterceptor } from '../scim-content-type.interceptor';
import { publicScimBaseUrl } from '../scim-context';
import { resourceTypes, schemaResources, serviceProviderConfig } from './discovery.documents';

/** Discovery endpoints (RFC 7644, section 4). They hold no tenant data, so they need no token. */
@Controller('scim/v2')
@UseInterceptors(ScimContentTypeInterceptor)
export class DiscoveryController {
  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Req() request: FastifyRequest) {
    return serviceProviderConfig(publicScimBaseUrl(request));
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() request: FastifyRequest): ListResponse {
    const all = resourceTypes(publicScimBaseUrl(request));
    return listResponse(all, all.length, 1);
  }

  @Get('ResourceTypes/:id')
  resourceType(@Req() request: FastifyRequest, @Param('id') id: string) {
    const found = resourceTypes(publicScimBaseUrl(request)).find((type) => type.id === id);
    if (!found) throw ScimError.notFound(`Resource type "${id}" does not exist. The resource types are User and Group.`);
    return found;
  }

  @Get('Schemas')
  schemas(@Req() request: FastifyRequest): ListResponse {
    const all = schemaResources(publicScimBaseUrl(request));
    return listResponse(all, all.length, 1);
  }

  @Get('Schemas/:id')
  schema(@Req() request: FastifyRequest, @Param('id') id: string) {
    const found = schemaResources(publicScimBaseUrl(request)).find((schema) => schema.id === id);
    if (!found) throw ScimError.notFound(`Schema "${id}" does not exist. GET /scim/v2/Schemas lists the schemas.`);
    return found;
  }
}
