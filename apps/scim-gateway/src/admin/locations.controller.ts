import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { CreateLocationDto, PageQueryDto, UpdateLocationDto } from './admin.dto';
import { DirectoryService } from './directory.service';
import { LocationsService } from './locations.service';
import { RequestId } from './request-id.decorator';

@Controller('admin/v1/companies/:companyId/locations')
@UseGuards(AdminAuthGuard)
export class LocationsController {
  constructor(
    private readonly locations: LocationsService,
    private readonly directory: DirectoryService,
  ) {}

  @Post()
  create(@Param('companyId') companyId: string, @Body() body: CreateLocationDto, @RequestId() requestId: string) {
    return this.locations.create(companyId, body.name, requestId);
  }

  @Get()
  list(@Param('companyId') companyId: string) {
    return this.locations.list(companyId);
  }

  @Get(':locationId')
  get(@Param('companyId') companyId: string, @Param('locationId') locationId: string) {
    return this.locations.get(companyId, locationId);
  }

  @Patch(':locationId')
  rename(
    @Param('companyId') companyId: string,
    @Param('locationId') locationId: string,
    @Body() body: UpdateLocationDto,
    @RequestId() requestId: string,
  ) {
    return this.locations.rename(companyId, locationId, body.name, requestId);
  }

  @Delete(':locationId')
  @HttpCode(204)
  async delete(@Param('companyId') companyId: string, @Param('locationId') locationId: string, @RequestId() requestId: string): Promise<void> {
    await this.locations.delete(companyId, locationId, requestId);
  }

  /** Users who currently have access to the location. */
  @Get(':locationId/users')
  users(@Param('companyId') companyId: string, @Param('locationId') locationId: string, @Query() page: PageQueryDto) {
    return this.directory.listLocationUsers(companyId, locationId, page.limit, page.offset);
  }
}
