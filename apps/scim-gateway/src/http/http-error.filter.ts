import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ScimError } from '@app/scim';
import { createLogger, errorFields } from '@app/logging';
import { AdminError } from './admin-error';
import { allowedMethods } from './allowed-methods';
import { SCIM_CONTENT_TYPE } from './content-types';

interface ErrorShape {
  status: number;
  scim: ScimError;
  admin: AdminError;
  allow?: string[];
}

/**
 * Renders every error: SCIM errors (RFC 7644, section 3.12) under /scim, JSON errors under
 * /admin and elsewhere. Unexpected errors are logged with their stack and returned as 500
 * without internal details.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = createLogger(HttpErrorFilter.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<FastifyRequest>();
    const reply = context.getResponse<FastifyReply>();
    const shape = this.classify(exception, request);

    if (shape.status >= 500) {
      this.logger.error({ ...errorFields(exception), method: request.method, url: request.url, requestId: request.id }, 'request failed');
    } else {
      this.logger.debug({ method: request.method, url: request.url, status: shape.status, detail: shape.scim.detail }, 'request rejected');
    }

    if (shape.allow) void reply.header('Allow', shape.allow.join(', '));
    if (request.url.startsWith('/scim/')) {
      if (shape.status === 401) void reply.header('WWW-Authenticate', 'Bearer realm="SCIM"');
      void reply.status(shape.status).header('Content-Type', SCIM_CONTENT_TYPE).send(shape.scim.toBody());
      return;
    }
    void reply.status(shape.status).send({ statusCode: shape.status, code: shape.admin.code, message: shape.admin.message });
  }

  private classify(exception: unknown, request: FastifyRequest): ErrorShape {
    if (exception instanceof ScimError) {
      return { status: exception.status, scim: exception, admin: new AdminError(exception.status, 'invalid_request', exception.detail) };
    }
    if (exception instanceof AdminError) {
      return { status: exception.statusCode, admin: exception, scim: new ScimError(exception.statusCode, exception.message) };
    }
    const fastifyCode = (exception as { code?: unknown } | undefined)?.code;
    if (typeof fastifyCode === 'string' && fastifyCode.startsWith('FST_')) {
      return this.fromFastify(fastifyCode, exception as Error & { statusCode?: number });
    }
    if (exception instanceof HttpException) {
      return this.fromHttpException(exception, request);
    }
    const message = 'An internal error occurred. It has been logged; retry later or contact support.';
    return { status: 500, scim: new ScimError(500, message), admin: new AdminError(500, 'internal_error', message) };
  }

  private fromFastify(code: string, error: Error & { statusCode?: number }): ErrorShape {
    switch (code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return this.bodyTooLarge();
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return this.same(415, 'unsupported_media_type', `${error.message}. Send the body as application/scim+json or application/json.`);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return this.same(400, 'invalid_request', 'The request body is empty but the Content-Type says JSON. Send a JSON object.', 'invalidSyntax');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return this.same(400, 'invalid_request', `The request body is not valid JSON: ${error.message}.`, 'invalidSyntax');
      default: {
        const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
        return this.same(status, status === 500 ? 'internal_error' : 'invalid_request', status === 500 ? 'An internal error occurred.' : error.message);
      }
    }
  }

  private fromHttpException(exception: HttpException, request: FastifyRequest): ErrorShape {
    const status: number = exception.getStatus();
    const path = request.url.split('?')[0];
    if (status === Number(HttpStatus.NOT_FOUND) && request.routeOptions?.url === undefined) {
      const allow = allowedMethods(path);
      if (allow && !allow.includes(request.method)) {
        const shape = this.same(405, 'method_not_allowed', `${request.method} is not allowed on ${path}. Allowed: ${allow.join(', ')}.`);
        return { ...shape, allow };
      }
      return this.same(404, 'not_found', `There is no endpoint at ${request.method} ${path}. The SCIM base URL is /scim/v2 and the admin API is under /admin/v1.`);
    }
    if (status === Number(HttpStatus.PAYLOAD_TOO_LARGE)) return this.bodyTooLarge();
    const response = exception.getResponse();
    const message = Array.isArray((response as { message?: unknown }).message)
      ? ((response as { message: string[] }).message).join('; ')
      : exception.message;
    if (status === Number(HttpStatus.UNSUPPORTED_MEDIA_TYPE)) {
      const contentType = request.headers['content-type'];
      const problem = contentType === undefined ? 'The request has a body but no Content-Type header' : `Unsupported Content-Type "${contentType}"`;
      return this.same(415, 'unsupported_media_type', `${problem}. Send the body as application/scim+json or application/json.`);
    }
    let code: AdminError['code'] = 'invalid_request';
    if (status === 401) code = 'unauthorized';
    if (status === 404) code = 'not_found';
    return this.same(status, code, message, status === 400 ? 'invalidValue' : undefined);
  }

  private bodyTooLarge(): ErrorShape {
    const limit = this.config.http.bodyLimitBytes;
    return this.same(
      413,
      'payload_too_large',
      `The request body is larger than the limit of ${limit} bytes. Send a smaller body; for SCIM group changes, split the members over several PATCH requests.`,
    );
  }

  private same(status: number, code: AdminError['code'], message: string, scimType?: ScimError['scimType']): ErrorShape {
    return { status, scim: new ScimError(status, message, scimType), admin: new AdminError(status, code, message) };
  }
}
