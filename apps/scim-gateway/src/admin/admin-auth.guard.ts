import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/config';
import { createLogger } from '@app/logging';
import { AdminError } from '../http/admin-error';

/** Authenticates the admin API with the shared ADMIN_API_TOKEN. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly logger = createLogger(AdminAuthGuard.name);
  private readonly expectedDigest: Buffer | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expectedDigest = config.adminApiToken === undefined ? undefined : digest(config.adminApiToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.expectedDigest === undefined) {
      // Only reachable in development mode: configuration validation requires the token elsewhere.
      return true;
    }
    const match = /^bearer\s+(\S+)$/i.exec(request.headers.authorization?.trim() ?? '');
    // Comparing fixed-length digests keeps the comparison constant-time whatever the token length.
    if (!match || !timingSafeEqual(digest(match[1]), this.expectedDigest)) {
      this.logger.info({ requestId: request.id, ip: request.ip }, 'admin request with a missing or wrong token');
      throw new AdminError(401, 'unauthorized', 'Missing or invalid admin token. Send "Authorization: Bearer <ADMIN_API_TOKEN>".');
    }
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
