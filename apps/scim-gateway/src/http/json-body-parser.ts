import { FastifyInstance, FastifyRequest } from 'fastify';
import secureJsonParse from 'secure-json-parse';
import { ScimError } from '@app/scim';

/** Media types read as JSON bodies. Fastify matches them with or without parameters such as charset. */
const JSON_MEDIA_TYPES = ['application/json', 'application/scim+json'];
/** Message of the error secure-json-parse raises for both `__proto__` and `constructor.prototype`. */
const FORBIDDEN_KEY_MESSAGE = /forbidden prototype property/;

/**
 * Replaces Fastify's parsers: accepts `application/scim+json` too, treats an empty body as no
 * body (some clients send a Content-Type on DELETE), rejects `__proto__` and `constructor` keys,
 * and reports where the JSON is invalid. Fastify's built-in `text/plain` parser is removed as
 * well, so that every other media type is answered with 415.
 */
export function registerJsonBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
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
    if (FORBIDDEN_KEY_MESSAGE.test(reason)) {
      done(
        ScimError.badRequest(
          'invalidSyntax',
          'The request body contains a "__proto__" key, or a "constructor" key holding "prototype". Remove that key, because no SCIM attribute has that name.',
        ),
      );
      return;
    }
    done(ScimError.badRequest('invalidSyntax', `The request body is not valid JSON (${reason}). Send one JSON object encoded as UTF-8.`));
  }
}
