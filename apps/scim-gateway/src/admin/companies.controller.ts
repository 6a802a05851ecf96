import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { CreateCompanyDto } from './admin.dto';
import { CompaniesService } from './companies.service';
import { ScimSettingsService } from './scim-settings.service';

@Controller('admin/v1/companies')
@UseGuards(AdminAuthGuard)
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly scim: ScimSettingsService,
  ) {}

  @Post()
  create(@Body() body: CreateCompanyDto) {
    return this.companies.create(body.name);
  }

  @Get()
  list() {
    return this.companies.list();
  }

  @Get(':companyId')
  get(@Param('companyId') companyId: string) {
    return this.companies.get(companyId);
  }

  /** Enables SCIM or regenerates its token. The token appears in this response only. */
  @Post(':companyId/scim/token')
  issueScimToken(@Param('companyId') companyId: string) {
    return this.scim.issueToken(companyId);
  }

  @Get(':companyId/scim')
  scimStatus(@Param('companyId') companyId: string) {
    return this.scim.status(companyId);
  }

  @Delete(':companyId/scim/token')
  @HttpCode(204)
  async disableScim(@Param('companyId') companyId: string): Promise<void> {
    await this.scim.disable(companyId);
  }
}
