import { Module } from '@nestjs/common';
import { ScimAuthGuard } from './auth/scim-auth.guard';
import { ScimTokenRepository } from './auth/scim-token.repository';
import { DiscoveryController } from './discovery/discovery.controller';
import { GroupsController } from './groups/groups.controller';
import { GroupsRepository } from './groups/groups.repository';
import { GroupsService } from './groups/groups.service';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

@Module({
  controllers: [UsersController, GroupsController, DiscoveryController],
  providers: [ScimAuthGuard, ScimTokenRepository, UsersRepository, UsersService, GroupsRepository, GroupsService],
  exports: [ScimTokenRepository],
})
export class ScimModule {}
