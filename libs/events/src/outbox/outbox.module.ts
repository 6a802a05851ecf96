import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { NatsClient } from '../jetstream/nats-client';
import { OutboxRelay } from './outbox-relay';
import { TransactionalOutbox } from './transactional-outbox';

/** Injection token of the process's `NatsClient`. */
export const NATS_CLIENT = Symbol('NATS_CLIENT');
/** Injection token of the app's `TransactionalOutbox`. */
export const OUTBOX = Symbol('OUTBOX');

/** Starts the NATS connection and the relay with the app, and stops them with it. */
@Injectable()
export class OutboxLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(NATS_CLIENT) private readonly nats: NatsClient,
    private readonly relay: OutboxRelay,
  ) {}

  private started = false;

  /** Runs once although a hybrid app (HTTP plus microservice) calls bootstrap hooks twice. */
  onApplicationBootstrap(): void {
    if (this.started) return;
    this.started = true;
    this.relay.start();
    this.nats.onReady((jetstream) => this.relay.attach(jetstream));
    this.nats.start();
  }

  /** Stops the relay while the database connection still exists; TypeORM closes it on shutdown. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.close();
  }
}

/** Wires one producer's outbox: the NATS client, the relay and the transactional outbox. */
@Module({})
export class OutboxModule {
  static register(producer: string): DynamicModule {
    return {
      module: OutboxModule,
      global: true,
      providers: [
        {
          provide: NATS_CLIENT,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => new NatsClient(config, producer),
        },
        {
          provide: OutboxRelay,
          inject: [getDataSourceToken(), APP_CONFIG],
          useFactory: (dataSource: DataSource, config: AppConfig) =>
            new OutboxRelay(dataSource, {
              producer,
              pollIntervalMs: config.outbox.pollIntervalMs,
              batchSize: config.outbox.batchSize,
              retentionHours: config.outbox.retentionHours,
            }),
        },
        {
          provide: OUTBOX,
          inject: [getDataSourceToken(), OutboxRelay],
          useFactory: (dataSource: DataSource, relay: OutboxRelay) => new TransactionalOutbox(dataSource, relay, producer),
        },
        OutboxLifecycle,
      ],
      exports: [NATS_CLIENT, OutboxRelay, OUTBOX],
    };
  }
}
