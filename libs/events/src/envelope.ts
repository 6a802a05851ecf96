import { randomUUID } from 'node:crypto';
import {
  AccessEventName,
  AccessEvents,
  ProvisioningEventName,
  ProvisioningEvents,
  accessEventType,
  accessSubject,
  provisioningEventType,
  provisioningSubject,
} from './catalogue';

/** Version of the payload shapes in `catalogue.ts`; raised on a breaking change. */
export const EVENT_SCHEMA_VERSION = 1;

export const EVENT_SOURCES = {
  scimGateway: 'urn:zerocater:scim-gateway',
  locationAccess: 'urn:zerocater:location-access',
} as const;

/**
 * CloudEvents 1.0 envelope in structured JSON mode. Extension attributes are lower-case, as the
 * CloudEvents specification requires for attribute names.
 */
export interface EventEnvelope<TData = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  /** The resource the event is about, e.g. `users/<id>`. */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  schemaversion: number;
  companyid: string;
  /** Originator of the change: `scim-token:<tokenId>`, `admin` or `location-access`. */
  actor: string;
  /** Version of the resource after the change; a subscriber drops a message older than one it has seen. */
  resourceversion: number;
  correlationid?: string;
  data: TData;
}

/** An event ready for the outbox: the NATS subject and the envelope published on it. */
export interface OutgoingEvent {
  subject: string;
  envelope: EventEnvelope;
}

export interface EventContext {
  companyId: string;
  actor: string;
  correlationId?: string;
}

interface ResourceRef {
  /** CloudEvents subject, e.g. `users/<id>`. */
  resource: string;
  version: number;
}

function envelope<TData>(
  source: string,
  type: string,
  context: EventContext,
  ref: ResourceRef,
  data: TData,
): EventEnvelope<TData> {
  const result: EventEnvelope<TData> = {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject: ref.resource,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    schemaversion: EVENT_SCHEMA_VERSION,
    companyid: context.companyId,
    actor: context.actor,
    resourceversion: ref.version,
    data,
  };
  if (context.correlationId) result.correlationid = context.correlationId;
  return result;
}

export function provisioningEvent<N extends ProvisioningEventName>(
  name: N,
  context: EventContext,
  ref: ResourceRef,
  data: ProvisioningEvents[N],
): OutgoingEvent {
  return {
    subject: provisioningSubject(context.companyId, name),
    envelope: envelope(EVENT_SOURCES.scimGateway, provisioningEventType(name), context, ref, data),
  };
}

export function accessEvent<N extends AccessEventName>(
  name: N,
  context: EventContext,
  ref: ResourceRef,
  data: AccessEvents[N],
): OutgoingEvent {
  return {
    subject: accessSubject(context.companyId, name),
    envelope: envelope(EVENT_SOURCES.locationAccess, accessEventType(name), context, ref, data),
  };
}
