import { FastifyInstance, FastifyRequest } from 'fastify';
import secureJsonParse from 'secure-json-parse';
import { ScimError } from '@app/scim';

/** Media types read as JSON bodies. Fastify matches them with or without parameters such as charset. */
const JSON_MEDIA_TYPES = ['application/json', 'application/scim+json'];

/**
 * Replaces Fastify's JSON parser: accepts `application/scim+json` too, treats an empty body as no
 * body (some clients send a Content-Type on DELETE), rejects `__proto__` and `constructor` keys,
 * and reports where the JSON is invalid.
 */
export function registerJsonBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string', bodyLimit }, parseJsonBody);
}

function parseJsonBody(_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') {
    done(null, undefined);
    return;
  }
  try {
    done(null, secureJsonParse.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    done(ScimError.badRequest('invalidSyntax', `The request body is not valid JSON (${reason}). Send one JSON object encoded as UTF-8.`));
  }
}
