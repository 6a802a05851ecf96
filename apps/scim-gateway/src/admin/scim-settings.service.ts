import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createLogger } from '@app/logging';
import { ScimTokenRepository } from '../scim/auth/scim-token.repository';
import { generateScimToken } from '../scim/auth/scim-token';
import { ScimStatusResponseDto, ScimTokenResponseDto } from './admin.dto';
import { CompaniesService } from './companies.service';

/** Turns SCIM on, regenerates its token and turns it off for a company. */
@Injectable()
export class ScimSettingsService {
  private readonly logger = createLogger(ScimSettingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly tokens: ScimTokenRepository,
  ) {}

  /** Issues a new token; the previous one stops working when this transaction commits. */
  async issueToken(companyId: string): Promise<ScimTokenResponseDto> {
    const generated = generateScimToken();
    const stored = await this.dataSource.transaction(async (manager) => {
      // Locking the company row serialises two concurrent regenerations for one company.
      await manager.query(`SELECT id FROM companies WHERE id = $1 FOR UPDATE`, [(await this.companies.require(manager, companyId)).id]);
      return this.tokens.replaceActive(manager, companyId, generated.hash, generated.hint);
    });
    this.logger.info({ companyId, tokenId: stored.id, hint: generated.hint }, 'SCIM token issued');
    return { token: generated.token, hint: generated.hint, createdAt: stored.createdAt.toISOString() };
  }

  async status(companyId: string): Promise<ScimStatusResponseDto> {
    await this.companies.require(this.dataSource.manager, companyId);
    const active = await this.tokens.getActiveStatus(companyId);
    return {
      enabled: active !== undefined,
      hint: active?.hint ?? null,
      createdAt: active?.createdAt.toISOString() ?? null,
      lastUsedAt: active?.lastUsedAt?.toISOString() ?? null,
    };
  }

  async disable(companyId: string): Promise<void> {
    await this.companies.require(this.dataSource.manager, companyId);
    const revoked = await this.tokens.revokeActive(companyId);
    this.logger.info({ companyId, revoked }, 'SCIM disabled');
  }
}
