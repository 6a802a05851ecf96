import { ScimError } from '../errors';
import { PATCH_OP_SCHEMA_ID } from '../schemas/schema-types';
import { parsePatchPath } from './patch-path';
import { PatchOperation, PatchOpName } from './patch-types';

/** Most operations accepted in one PATCH request. */
export const MAX_PATCH_OPERATIONS = 10_000;

const OP_NAMES: readonly PatchOpName[] = ['add', 'remove', 'replace'];
const BODY_EXAMPLE =
  `{"schemas":["${PATCH_OP_SCHEMA_ID}"],"Operations":[{"op":"replace","path":"active","value":false}]}`;

/**
 * Validates a PATCH request body (RFC 7644, section 3.5.2) and returns its operations with
 * `op` in lower case. A body without `schemas` is accepted, because some clients leave it out.
 * Every path is parsed here, so that a bad operation fails the request before any is applied.
 * Throws ScimError 400 with `invalidSyntax` for a malformed body or operation, `invalidValue`
 * for a missing or unusable value, `invalidPath` for a bad path, and `noTarget` for `remove`
 * without a path.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isRecord(body)) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `Invalid PATCH request body: expected a JSON object such as ${BODY_EXAMPLE}, but the body is ${describe(body)}.`,
    );
  }

  checkSchemas(body.schemas);
  const operations = readOperations(body);
  return operations.map((operation, index) => parseOperation(operation, index));
}

function checkSchemas(schemas: unknown): void {
  if (schemas === undefined) return;
  const valid =
    Array.isArray(schemas) &&
    schemas.some((schema) => typeof schema === 'string' && schema.toLowerCase() === PATCH_OP_SCHEMA_ID.toLowerCase());
  if (!valid) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `Invalid PATCH request: "schemas" is ${describe(schemas)} but must be an array containing "${PATCH_OP_SCHEMA_ID}".`,
    );
  }
}

function readOperations(body: Record<string, unknown>): unknown[] {
  // RFC 7644 spells it "Operations"; other casings are accepted because attribute names are case-insensitive.
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === 'operations');
  const operations = key === undefined ? undefined : body[key];

  if (!Array.isArray(operations)) {
    const problem = operations === undefined ? 'is missing' : `is ${describe(operations)}`;
    throw ScimError.badRequest(
      'invalidSyntax',
      `Invalid PATCH request: "Operations" ${problem}. Send an array of operations, e.g. ${BODY_EXAMPLE}.`,
    );
  }
  if (operations.length === 0) {
    throw ScimError.badRequest(
      'invalidSyntax',
      'Invalid PATCH request: "Operations" is an empty array. Send at least one operation.',
    );
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw ScimError.badRequest(
      'invalidValue',
      `Invalid PATCH request: "Operations" has ${operations.length} operations, and the maximum is ${MAX_PATCH_OPERATIONS}. ` +
        'Split the changes into several requests.',
    );
  }
  return operations;
}

function parseOperation(operation: unknown, index: number): PatchOperation {
  const label = `Operations[${index}]`;
  if (!isRecord(operation)) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `Invalid PATCH operation ${label}: expected an object such as {"op":"replace","path":"active","value":false}, ` +
        `but it is ${describe(operation)}.`,
    );
  }

  const opName = typeof operation.op === 'string' ? operation.op.toLowerCase() : undefined;
  if (!opName || !(OP_NAMES as readonly string[]).includes(opName)) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `Invalid PATCH operation ${label}: "op" is ${describe(operation.op)}. Use "add", "remove" or "replace".`,
    );
  }
  const op = opName as PatchOpName;
  const { path, value } = operation;
  const hasValue = Object.prototype.hasOwnProperty.call(operation, 'value') && value !== undefined;

  if (path !== undefined) {
    if (typeof path !== 'string' || path === '') {
      throw ScimError.badRequest(
        'invalidPath',
        `Invalid PATCH operation ${label}: "path" is ${describe(path)}. Send an attribute path such as "name.givenName", or leave "path" out.`,
      );
    }
    parsePatchPath(path);
  }

  if (op === 'remove') {
    if (path === undefined) {
      throw ScimError.badRequest(
        'noTarget',
        `Invalid PATCH operation ${label}: "remove" needs a "path" naming what to remove, e.g. {"op":"remove","path":"nickName"}.`,
      );
    }
  } else if (path === undefined) {
    if (!isRecord(value)) {
      throw ScimError.badRequest(
        'invalidValue',
        `Invalid PATCH operation ${label}: "${op}" without "path" needs an object "value" of attributes, ` +
          `but "value" is ${describe(value)}. Send e.g. {"op":"${op}","value":{"active":false}}.`,
      );
    }
  } else if (!hasValue) {
    throw ScimError.badRequest(
      'invalidValue',
      `Invalid PATCH operation ${label}: "${op}" of "${path}" has no "value". Send the value to ${op}, or use "remove".`,
    );
  }

  const result: PatchOperation = { op };
  if (path !== undefined) result.path = path;
  if (hasValue) result.value = value;
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a JSON value briefly for an error message, without echoing large inputs. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length <= 60 ? text : `${text.slice(0, 60)}…`;
}
