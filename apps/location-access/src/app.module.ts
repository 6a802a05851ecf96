import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigModule } from '@app/config';
import { buildDataSourceOptions } from '@app/database';
import { OutboxModule } from '@app/events';
import { AccessEventsController } from './access/access-events.controller';
import { AccessRepository } from './access/access.repository';
import { AccessService } from './access/access.service';
import { HealthController } from './health/health.controller';

export const LOCATION_ACCESS_PRODUCER = 'location-access';

@Module({})
export class LocationAccessModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LocationAccessModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(buildDataSourceOptions(config.databaseUrl, LOCATION_ACCESS_PRODUCER)),
        OutboxModule.register(LOCATION_ACCESS_PRODUCER),
      ],
      controllers: [AccessEventsController, HealthController],
      providers: [AccessRepository, AccessService],
    };
  }
}
