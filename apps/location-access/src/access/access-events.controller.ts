import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, provisioningEventType } from '@app/events';
import { AccessService, RecomputeResult } from './access.service';
import { contextOf, idField, idListField } from './event-payload';

/**
 * Provisioning events that can change access. Each handler names the users to recompute; the
 * transport acknowledges the message after the handler's transaction committed.
 */
@Controller()
export class AccessEventsController {
  constructor(private readonly access: AccessService) {}

  @EventPattern(provisioningEventType('group.members.added'))
  membersAdded(@Payload() event: EventEnvelope): Promise<RecomputeResult> {
    return this.access.recomputeUsers(contextOf(event), idListField(event, 'userIds'));
  }

  @EventPattern(provisioningEventType('group.members.removed'))
  membersRemoved(@Payload() event: EventEnvelope): Promise<RecomputeResult> {
    return this.access.recomputeUsers(contextOf(event), idListField(event, 'userIds'));
  }

  /** Recomputes the former members, named by the payload because the memberships are already deleted. */
  @EventPattern(provisioningEventType('group.deleted'))
  groupDeleted(@Payload() event: EventEnvelope): Promise<RecomputeResult> {
    return this.access.recomputeGroup(contextOf(event), idField(event, 'group.id'), idListField(event, 'memberIds'));
  }

  @EventPattern(provisioningEventType('user.deactivated'))
  userDeactivated(@Payload() event: EventEnvelope): Promise<RecomputeResult> {
    return this.access.recomputeUsers(contextOf(event), [idField(event, 'user.id')]);
  }

  @EventPattern(provisioningEventType('user.reactivated'))
  userReactivated(@Payload() event: EventEnvelope): Promise<RecomputeResult> {
    return this.access.recomputeUsers(contextOf(event), [idField(event, 'user.id')]);
  }

  @EventPattern(provisioningEventType('user.deleted'))
  userDeleted(@Payload() event: EventEnvelope): Promise<RecomputeResult> {
    return this.access.recomputeUsers(contextOf(event), [idField(event, 'user.id')]);
  }

  @EventPattern(provisioningEventType('mapping.changed'))
  mappingChanged(@Payload() event: EventEnvelope): Promise<RecomputeResult> {
    return this.access.recomputeGroup(contextOf(event), idField(event, 'groupId'));
  }

  @EventPattern(provisioningEventType('location.deleted'))
  locationDeleted(@Payload() event: EventEnvelope): Promise<RecomputeResult> {
    return this.access.recomputeLocation(contextOf(event), idField(event, 'location.id'), idListField(event, 'groupIds'));
  }
}
