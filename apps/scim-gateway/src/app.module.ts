import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigModule } from '@app/config';
import { buildDataSourceOptions } from '@app/database';
import { OutboxModule } from '@app/events';
import { AdminModule } from './admin/admin.module';
import { HealthController } from './health/health.controller';
import { HttpErrorFilter } from './http/http-error.filter';

import { ScimModule } from './scim/scim.module';

@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(buildDataSourceOptions(config.databaseUrl, 'scim-gateway')),
        OutboxModule.register('scim-gateway'),
        ScimModule,
        AdminModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true }),
        },
      ],
    };
  }
}
