import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Hands handler errors to the JetStream transport unchanged. Nest's default RPC filter turns them
 * into plain objects, which would hide their type (a poison message must be dead-lettered at
 * once, other errors are retried) and their stack from the logs.
 */
@Catch()
export class RethrowRpcErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
