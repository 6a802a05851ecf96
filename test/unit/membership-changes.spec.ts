import { MembershipChanges } from '../../apps/scim-gateway/src/scim/groups/membership-changes';

describe(MembershipChanges.name, () => {
  it('nets a removal then re-add to nothing', () => {
    const changes = new MembershipChanges();
    changes.recordRemoved(['a']);
    changes.recordAdded(['a', 'b']);
    expect([...changes.added]).toEqual(['b']);
    expect([...changes.removed]).toEqual([]);
  });

  it('nets an add then removal to nothing', () => {
    const changes = new MembershipChanges();
    changes.recordAdded(['a']);
    changes.recordRemoved(['a', 'c']);
    expect([...changes.added]).toEqual([]);
    expect([...changes.removed]).toEqual(['c']);
    expect(changes.isEmpty).toBe(false);
  });
});
