/**
 * Net membership change of one request. A user removed and added again in the same request
 * counts as neither, so the events describe only what really changed.
 */
export class MembershipChanges {
  readonly added = new Set<string>();
  readonly removed = new Set<string>();

  recordAdded(userIds: string[]): void {
    for (const id of userIds) {
      if (!this.removed.delete(id)) this.added.add(id);
    }
  }

  recordRemoved(userIds: string[]): void {
    for (const id of userIds) {
      if (!this.added.delete(id)) this.removed.add(id);
    }
  }

  get isEmpty(): boolean {
    return this.added.size === 0 && this.removed.size === 0;
  }
}
