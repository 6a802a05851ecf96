import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Grants the members of a group access to a location. */
@Entity({ name: 'group_location_mappings' })
export class GroupLocationMappingEntity {
  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId: string;

  @PrimaryColumn({ name: 'location_id', type: 'uuid' })
  locationId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
