import { FilterNode } from '../filter/filter-types';
import { ScimSchemaDefinition } from '../schemas/schema-types';

export type PatchOpName = 'add' | 'remove' | 'replace';

/** One PATCH operation after validation; `op` is in lower case and `path`, if any, parses. */
export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
}

/**
 * Parsed PATCH path (RFC 7644, section 3.5.2): `emails[type eq "work"].value` has the
 * attribute `emails`, the value filter `type eq "work"` and the sub-attribute `value`.
 */
export interface PatchPath {
  schema?: string;
  attribute: string;
  valueFilter?: FilterNode;
  subAttribute?: string;
}

/** Schemas of the resource a PATCH applies to: its core schema and the extensions it may carry. */
export interface PatchTarget {
  coreSchema: ScimSchemaDefinition;
  extensions: ScimSchemaDefinition[];
}
