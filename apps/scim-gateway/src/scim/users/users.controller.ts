import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { RawQuery, parseListQuery, parseProjectionQuery } from '@app/scim';
import { ScimAuthGuard } from '../auth/scim-auth.guard';
import { ScimContext, ScimRequestContext } from '../scim-context';
import { ScimContentTypeInterceptor } from '../scim-content-type.interceptor';
import { UsersService } from './users.service';

@Controller('scim/v2/Users')
@UseGuards(ScimAuthGuard)
@UseInterceptors(ScimContentTypeInterceptor)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  async create(@ScimContext() context: ScimRequestContext, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const user = await this.users.create(context, body);
    void reply.status(201).header('Location', (user.meta as { location: string }).location);
    return user;
  }

  @Get()
  list(@ScimContext() context: ScimRequestContext, @Query() query: RawQuery) {
    return this.users.list(context, parseListQuery(query));
  }

  @Get(':id')
  get(@ScimContext() context: ScimRequestContext, @Param('id') id: string, @Query() query: RawQuery) {
    return this.users.get(context, id, parseProjectionQuery(query));
  }

  @Put(':id')
  replace(@ScimContext() context: ScimRequestContext, @Param('id') id: string, @Body() body: unknown) {
    return this.users.replace(context, id, body);
  }

  @Patch(':id')
  patch(@ScimContext() context: ScimRequestContext, @Param('id') id: string, @Body() body: unknown) {
    return this.users.patch(context, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@ScimContext() context: ScimRequestContext, @Param('id') id: string): Promise<void> {
    await this.users.delete(context, id);
  }
}
