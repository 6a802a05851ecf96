import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's current access to a location and the groups that grant it; written by location-access only. */
@Entity({ name: 'user_location_access' })
export class UserLocationAccessEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'location_id', type: 'uuid' })
  locationId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'group_ids', type: 'uuid', array: true })
  groupIds: string[];

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
