import { CompanyEntity } from './company.entity';
import { GroupLocationMappingEntity } from './group-location-mapping.entity';
import { GroupMemberEntity } from './group-member.entity';
import { GroupEntity } from './group.entity';
import { LocationEntity } from './location.entity';
import { OutboxEventEntity } from './outbox-event.entity';
import { ScimTokenEntity } from './scim-token.entity';
import { UserLocationAccessEntity } from './user-location-access.entity';
import { UserEntity } from './user.entity';

export {
  CompanyEntity,
  GroupEntity,
  GroupLocationMappingEntity,
  GroupMemberEntity,
  LocationEntity,
  OutboxEventEntity,
  ScimTokenEntity,
  UserEntity,
  UserLocationAccessEntity,
};

export const ENTITIES = [
  CompanyEntity,
  ScimTokenEntity,
  UserEntity,
  GroupEntity,
  GroupMemberEntity,
  LocationEntity,
  GroupLocationMappingEntity,
  UserLocationAccessEntity,
  OutboxEventEntity,
];
