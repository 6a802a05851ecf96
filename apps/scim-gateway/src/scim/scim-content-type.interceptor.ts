import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Observable } from 'rxjs';
import { SCIM_CONTENT_TYPE } from '../http/content-types';

/** Sends SCIM responses as `application/scim+json`, which Microsoft Entra ID requires. */
@Injectable()
export class ScimContentTypeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    void context.switchToHttp().getResponse<FastifyReply>().header('Content-Type', SCIM_CONTENT_TYPE);
    return next.handle();
  }
}
