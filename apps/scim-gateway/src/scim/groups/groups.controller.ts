import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { RawQuery, parseListQuery, parseProjectionQuery } from '@app/scim';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import { ScimContext, ScimRequestContext } from '../scim-context';
import { ScimContentTypeInterceptor } from '../scim-content-type.interceptor';
import { GroupsService } from './groups.service';

@Controller('scim/v2/Groups')
@UseGuards(ScimAuthGuard)
@UseInterceptors(ScimContentTypeInterceptor)
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  async create(@ScimContext() context: ScimRequestContext, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const group = await this.groups.create(context, body);
    void reply.status(201).header('Location', (group.meta as { location: string }).location);
    return group;
  }

  @Get()
  list(@ScimContext() context: ScimRequestContext, @Query() query: RawQuery) {
    return this.groups.list(context, parseListQuery(query));
  }

  @Get(':id')
  get(@ScimContext() context: ScimRequestContext, @Param('id') id: string, @Query() query: RawQuery) {
    return this.groups.get(context, id, parseProjectionQuery(query));
  }

  @Put(':id')
  replace(@ScimContext() context: ScimRequestContext, @Param('id') id: string, @Body() body: unknown) {
    return this.groups.replace(context, id, body);
  }

  @Patch(':id')
  @HttpCode(204)
  async patch(@ScimContext() context: ScimRequestContext, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.groups.patch(context, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@ScimContext() context: ScimRequestContext, @Param('id') id: string): Promise<void> {
    await this.groups.delete(context, id);
  }
}
