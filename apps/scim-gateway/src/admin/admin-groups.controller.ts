import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { SetGroupLocationsDto } from './admin.dto';
import { GroupMappingsService } from './group-mappings.service';
import { RequestId } from './request-id.decorator';

@Controller('admin/v1/companies/:companyId/groups')
@UseGuards(AdminAuthGuard)
export class AdminGroupsController {
  constructor(private readonly mappings: GroupMappingsService) {}

  @Get()
  list(@Param('companyId') companyId: string) {
    return this.mappings.listGroups(companyId);
  }

  @Get(':groupId/locations')
  getLocations(@Param('companyId') companyId: string, @Param('groupId') groupId: string) {
    return this.mappings.getLocations(companyId, groupId);
  }

  @Put(':groupId/locations')
  setLocations(
    @Param('companyId') companyId: string,
    @Param('groupId') groupId: string,
    @Body() body: SetGroupLocationsDto,
    @RequestId() requestId: string,
  ) {
    return this.mappings.setLocations(companyId, groupId, body.locationIds, requestId);
  }
}
