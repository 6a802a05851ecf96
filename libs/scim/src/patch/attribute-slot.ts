import { formatAttributePath } from '../filter/attribute-path';
import { AttributePath } from '../filter/filter-types';
import { findAttribute, findSubAttribute } from '../schemas/find-attribute';
import { ScimAttributeDefinition, ScimSchemaDefinition } from '../schemas/schema-types';
import { JsonObject, deleteKey, findKey, isRecord, readKey, writeKey } from './object-keys';
import { PatchTarget } from './patch-types';

/**
 * Location of attributes in the stored resource: the top level for the core schema, or the
 * object under an extension's URN key. `schema` is undefined for a URN no schema defines.
 */
export interface AttributeScope {
  extensionKey?: string;
  schema?: ScimSchemaDefinition;
}

/** Top-level names that clients must not change, whatever the core schema defines. */
const READ_ONLY_CORE_NAMES: ReadonlySet<string> = new Set(['id', 'meta', 'groups', 'schemas']);

/** Returns the core schema or extension whose id equals `urn` ignoring case. */
export function findTargetSchema(target: PatchTarget, urn: string): ScimSchemaDefinition | undefined {
  const lowerName = urn.toLowerCase();
  return [target.coreSchema, ...target.extensions].find((schema) => schema.id.toLowerCase() === lowerName);
}

/** Returns the scope of a known schema of the target. */
export function scopeOf(target: PatchTarget, schema: ScimSchemaDefinition): AttributeScope {
  return schema === target.coreSchema ? { schema } : { extensionKey: schema.id, schema };
}

/**
 * An attribute of the resource being patched, resolved against the schemas: reads, writes and
 * deletes it in the right object, under the schema's spelling of its name.
 */
export class AttributeSlot {
  readonly name: string;
  readonly definition: ScimAttributeDefinition | undefined;
  /** The attribute with its URN prefix, if any, as the client wrote it, for error messages. */
  readonly label: string;

  private constructor(
    private readonly resource: JsonObject,
    readonly scope: AttributeScope,
    path: AttributePath,
  ) {
    this.definition = scope.schema ? findAttribute(scope.schema, path.attribute) : undefined;
    this.name = this.definition?.name ?? path.attribute;
    this.label = formatAttributePath({ schema: path.schema, attribute: path.attribute });
  }

  /**
   * Resolves a path. A URN prefix picks the schema. Without one, the attribute belongs to
   * `defaultScope` when given, else to the core schema, else to the one extension that defines
   * it. A name that no schema defines is stored at the top level under the name as sent.
   */
  static resolve(resource: JsonObject, path: AttributePath, target: PatchTarget, defaultScope?: AttributeScope): AttributeSlot {
    return new AttributeSlot(resource, resolveScope(path, target, defaultScope), path);
  }

  /** Whether the client must not change this attribute, or the given sub-attribute of it. */
  isReadOnly(subAttribute?: string): boolean {
    if (!this.scope.extensionKey && READ_ONLY_CORE_NAMES.has(this.name.toLowerCase())) return true;
    if (this.definition?.mutability === 'readOnly') return true;
    if (subAttribute && this.definition) {
      return findSubAttribute(this.definition, subAttribute)?.mutability === 'readOnly';
    }
    return false;
  }

  read(): unknown {
    const container = this.container(false);
    return container ? readKey(container, this.name) : undefined;
  }

  write(value: unknown): void {
    writeKey(this.container(true) as JsonObject, this.name, value);
  }

  /** Deletes the attribute, and the extension object too when nothing else is left in it. */
  remove(): void {
    const container = this.container(false);
    if (!container) return;
    deleteKey(container, this.name);

    const extensionKey = this.scope.extensionKey;
    if (extensionKey && Object.keys(container).length === 0) deleteKey(this.resource, extensionKey);
  }

  private container(create: boolean): JsonObject | undefined {
    const extensionKey = this.scope.extensionKey;
    if (!extensionKey) return this.resource;

    const storedKey = findKey(this.resource, extensionKey);
    const stored = storedKey === undefined ? undefined : this.resource[storedKey];
    if (isRecord(stored)) return stored;
    if (!create) return undefined;

    const created: JsonObject = {};
    writeKey(this.resource, extensionKey, created);
    return created;
  }
}

function resolveScope(path: AttributePath, target: PatchTarget, defaultScope?: AttributeScope): AttributeScope {
  if (path.schema) {
    const schema = findTargetSchema(target, path.schema);
    return schema ? scopeOf(target, schema) : { extensionKey: path.schema };
  }
  if (defaultScope) return defaultScope;
  if (findAttribute(target.coreSchema, path.attribute)) return { schema: target.coreSchema };

  const extensions = target.extensions.filter((extension) => findAttribute(extension, path.attribute));
  return extensions.length === 1 ? scopeOf(target, extensions[0]) : { schema: target.coreSchema };
}
