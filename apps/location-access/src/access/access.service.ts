import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventContext, OUTBOX, TransactionalOutbox, accessEvent } from '@app/events';
import { createLogger } from '@app/logging';
import { AccessRepository } from './access.repository';

export interface RecomputeResult {
  usersConsidered: number;
  usersChanged: number;
}

/** Query for the users a trigger affects, run inside the recompute transaction. */
export type AffectedUsers = (manager: EntityManager) => Promise<string[]>;

/**
 * Recomputes office-location access from the current database state, never from an event's
 * payload alone, so a duplicate, late or reordered event ends in the same state.
 */
@Injectable()
export class AccessService {
  private readonly logger = createLogger(AccessService.name);

  constructor(
    private readonly access: AccessRepository,
    @Inject(OUTBOX) private readonly outbox: TransactionalOutbox,
  ) {}

  async recomputeUsers(context: EventContext, userIds: string[]): Promise<RecomputeResult> {
    return this.recompute(context, async () => userIds);
  }

  async recomputeGroup(context: EventContext, groupId: string, alsoUserIds: string[] = []): Promise<RecomputeResult> {
    return this.recompute(context, async (manager) => [
      ...alsoUserIds,
      ...(await this.access.usersAffectedByGroup(manager, context.companyId, groupId)),
    ]);
  }

  async recomputeLocation(context: EventContext, locationId: string, groupIds: string[]): Promise<RecomputeResult> {
    return this.recompute(context, (manager) => this.access.usersAffectedByLocation(manager, context.companyId, locationId, groupIds));
  }

  private async recompute(context: EventContext, affected: AffectedUsers): Promise<RecomputeResult> {
    const result = await this.outbox.run(async (manager, emit) => {
      const userIds = [...new Set(await affected(manager))];
      if (userIds.length === 0) return { usersConsidered: 0, usersChanged: 0 };
      await this.access.lockUsers(manager, userIds);
      const changes = await this.access.recompute(manager, context.companyId, userIds);
      const version = changes.length > 0 ? await this.access.transactionVersion(manager) : 0;
      for (const change of changes) {
        emit(accessEvent('user.changed', { ...context, actor: 'location-access' }, { resource: `users/${change.userId}`, version }, change));
      }
      return { usersConsidered: userIds.length, usersChanged: changes.length };
    });
    if (result.usersChanged > 0) {
      this.logger.info({ companyId: context.companyId, correlationId: context.correlationId, ...result }, 'access recomputed');
    }
    return result;
  }
}
