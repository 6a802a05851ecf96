import { Module } from '@nestjs/common';
import { ScimModule } from '../scim/scim.module';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminGroupsController } from './admin-groups.controller';
import { AdminUsersController } from './admin-users.controller';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { DirectoryService } from './directory.service';
import { GroupMappingsService } from './group-mappings.service';
import { LocationsController } from './locations.controller';
import { LocationsService } from './locations.service';
import { ScimSettingsService } from './scim-settings.service';

@Module({
  imports: [ScimModule],
  controllers: [CompaniesController, LocationsController, AdminGroupsController, AdminUsersController],
  providers: [AdminAuthGuard, CompaniesService, ScimSettingsService, LocationsService, GroupMappingsService, DirectoryService],
})
export class AdminModule {}
