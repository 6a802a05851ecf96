import { EventContext, EventEnvelope, PoisonMessageError } from '@app/events';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the fields a handler needs; a message without them can never succeed and is dead-lettered. */
export function contextOf(envelope: EventEnvelope): EventContext {
  if (typeof envelope.companyid !== 'string' || !UUID_PATTERN.test(envelope.companyid)) {
    throw new PoisonMessageError(`Event ${String(envelope.id)} has no valid "companyid".`);
  }
  return { companyId: envelope.companyid, actor: String(envelope.actor), correlationId: envelope.correlationid ?? envelope.id };
}

export function idField(envelope: EventEnvelope, path: string): string {
  const value = readPath(envelope.data, path);
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) {
    throw new PoisonMessageError(`Event ${envelope.id} (${envelope.type}) has no valid id at data.${path}.`);
  }
  return value;
}

export function idListField(envelope: EventEnvelope, path: string): string[] {
  const value = readPath(envelope.data, path);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && UUID_PATTERN.test(item))) {
    throw new PoisonMessageError(`Event ${envelope.id} (${envelope.type}) has no valid id list at data.${path}.`);
  }
  return value as string[];
}

function readPath(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), data);
}
