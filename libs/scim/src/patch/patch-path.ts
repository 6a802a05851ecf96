import { ScimError } from '../errors';
import { abbreviate, splitAttributePath } from '../filter/attribute-path';
import { parseFilter } from '../filter/filter-parser';
import { FilterNode } from '../filter/filter-types';
import { PatchPath } from './patch-types';

const SUB_ATTRIBUTE = /^\.(\$?[A-Za-z][A-Za-z0-9_-]*)$/;
const PATH_EXAMPLES = 'e.g. displayName, name.givenName, emails[type eq "work"].value or ' +
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value';

/**
 * Parses a PATCH path: `attrPath` or `valuePath ["." subAttr]`, each with an optional schema
 * URN prefix (RFC 7644, section 3.5.2). Throws ScimError 400 `invalidPath` on bad input.
 */
export function parsePatchPath(path: string): PatchPath {
  const open = path.indexOf('[');
  const attributeText = open < 0 ? path : path.slice(0, open);
  const attributePath = splitAttributePath(attributeText);
  if (!attributePath) {
    fail(path, `"${attributeText}" is not a valid attribute name. Write a path such as ${PATH_EXAMPLES}.`);
  }
  if (open < 0) return { ...attributePath };

  if (attributePath.subAttribute) {
    fail(
      path,
      `a value filter must follow a multi-valued attribute, not the sub-attribute "${attributeText}". ` +
        `Write it as ${attributePath.attribute}[...].${attributePath.subAttribute}.`,
    );
  }

  const close = findClosingBracket(path, open);
  const valueFilter = parseValueFilter(path, path.slice(open + 1, close));
  const result: PatchPath = { ...attributePath, valueFilter };

  const rest = path.slice(close + 1);
  if (rest) {
    const subAttribute = SUB_ATTRIBUTE.exec(rest);
    if (!subAttribute) {
      fail(path, `unexpected "${rest}" after "]". Only "." and a sub-attribute name may follow, ${PATH_EXAMPLES}.`);
    }
    result.subAttribute = subAttribute[1];
  }
  return result;
}

/** Finds the `]` that closes the `[` at `open`, skipping brackets inside quoted strings. */
function findClosingBracket(path: string, open: number): number {
  let inString = false;
  for (let position = open + 1; position < path.length; position += 1) {
    const char = path[position];
    if (inString) {
      if (char === '\\') position += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === ']') {
      return position;
    }
  }

  const problem = inString ? 'a quoted value in the filter is not closed, and ' : '';
  return fail(
    path,
    `${problem}the "[" at position ${open} has no closing "]". ` +
      'Close the value filter, e.g. members[value eq "2819c223"].',
  );
}

function parseValueFilter(path: string, filterText: string): FilterNode {
  try {
    return parseFilter(filterText);
  } catch (error) {
    if (error instanceof ScimError) fail(path, `the value filter is invalid. ${error.detail}`);
    throw error;
  }
}

function fail(path: string, reason: string): never {
  throw ScimError.badRequest('invalidPath', `Invalid path "${abbreviate(path)}": ${reason}`);
}
