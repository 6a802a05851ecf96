import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { PageQueryDto } from './admin.dto';
import { DirectoryService } from './directory.service';

@Controller('admin/v1/companies/:companyId/users')
@UseGuards(AdminAuthGuard)
export class AdminUsersController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  list(@Param('companyId') companyId: string, @Query() page: PageQueryDto) {
    return this.directory.listUsers(companyId, page.limit, page.offset);
  }

  /** Returns the user, its groups and the locations it can access now. */
  @Get(':userId')
  get(@Param('companyId') companyId: string, @Param('userId') userId: string) {
    return this.directory.getUser(companyId, userId);
  }
}
