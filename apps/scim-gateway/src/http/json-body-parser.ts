import { FastifyInstance, FastifyRequest } from 'fastify';
import secureJsonParse from 'secure-json-parse';
import { ScimError } from '@app/scim';

/** Media types read as JSON bodies. Fastify matches them with or without parameters such as charset. */
const JSON_MEDIA_TYPES = ['application/json', 'application/scim+json'];
/** Message of the error secure-json-parse raises for both `__proto__` and `constructor.prototype`. */
const FORBIDDEN_KEY_MESSAGE = /forbidden prototype property/;
/**
 * JSON escapes that can produce text PostgreSQL rejects: `\u0000` and UTF-16 surrogates. Raw
 * control characters are invalid JSON, and invalid UTF-8 bytes decode to U+FFFD, so only these
 * escapes need the slower scan of the parsed value.
 */
const SUSPICIOUS_ESCAPE = /\\u(?:0000|d[89a-f])/i;
/** U+0000, or a surrogate that is not part of a pair. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly the character to find.
const UNSTORABLE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Deepest nesting of objects and arrays accepted in a body. SCIM resources use about four levels;
 * far deeper values would overflow the stack of the code that validates and stores them.
 */
const MAX_NESTING_DEPTH = 32;

/** Returns true when `value` nests deeper than `limit`; stops descending as soon as it does. */
function exceedsDepth(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => exceedsDepth(child, limit - 1));
}

/**
 * Replaces Fastify's parsers: accepts `application/scim+json` too, treats an empty body as no
 * body (some clients send a Content-Type on DELETE), rejects `__proto__` and `constructor` keys
 * and text that PostgreSQL cannot store, and reports where the JSON is invalid. Fastify's
 * built-in `text/plain` parser is removed as well, so that every other media type gets 415.
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
  let value: unknown;
  try {
    value = secureJsonParse.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
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
    return;
  }
  if (exceedsDepth(value, MAX_NESTING_DEPTH)) {
    done(
      ScimError.badRequest(
        'invalidValue',
        `The request body nests objects or arrays more than ${MAX_NESTING_DEPTH} levels deep. SCIM resources need a few levels; flatten the value.`,
      ),
    );
    return;
  }
  const unstorable = SUSPICIOUS_ESCAPE.test(text) ? findUnstorableText(value) : undefined;
  if (unstorable !== undefined) {
    done(
      ScimError.badRequest(
        'invalidValue',
        `The request body contains the character U+0000 or an unpaired UTF-16 surrogate in ${unstorable}. ` +
          'Remove that character, because stored text cannot contain it.',
      ),
    );
    return;
  }
  done(null, value);
}

/**
 * Returns where the first string or key with an unstorable character is, such as
 * `"emails[0].value"`, or undefined when there is none. Walks iteratively, because the nesting
 * depth is chosen by the client.
 */
function findUnstorableText(root: unknown): string | undefined {
  const pending: { value: unknown; location: string }[] = [{ value: root, location: '' }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, location } = item;
    if (typeof value === 'string') {
      if (UNSTORABLE_CHARACTER.test(value)) return describeLocation(location);
    } else if (Array.isArray(value)) {
      value.forEach((element, index) => pending.push({ value: element, location: `${location}[${index}]` }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, element] of Object.entries(value)) {
        const keyLocation = location === '' ? key : `${location}.${key}`;
        if (UNSTORABLE_CHARACTER.test(key)) return describeLocation(keyLocation);
        pending.push({ value: element, location: keyLocation });
      }
    }
  }
  return undefined;
}

function describeLocation(location: string): string {
  return location === '' ? 'the body' : JSON.stringify(location);
}
