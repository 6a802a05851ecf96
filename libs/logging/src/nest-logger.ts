import { LoggerService } from '@nestjs/common';
import { createLogger } from './logger';

/** Routes NestJS framework logs (module init, route mapping) into the same JSON stream. */
export class NestPinoLogger implements LoggerService {
  private readonly logger = createLogger('nest');

  log(message: unknown, context?: string): void {
    this.logger.info({ nestContext: context }, String(message));
  }

  error(message: unknown, stack?: string, context?: string): void {
    this.logger.error({ nestContext: context, stack }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ nestContext: context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ nestContext: context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ nestContext: context }, String(message));
  }
}
