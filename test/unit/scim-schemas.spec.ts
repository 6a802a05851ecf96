import {
  ENTERPRISE_USER_SCHEMA_ID,
  GROUP_SCHEMA_ID,
  ScimAttributeDefinition,
  USER_SCHEMA_ID,
  enterpriseUserSchema,
  findAttribute,
  groupSchema,
  renderSchemaResource,
  userSchema,
} from '@app/scim/schemas';

const names = (attributes: ScimAttributeDefinition[] | undefined): string[] => (attributes ?? []).map((attribute) => attribute.name);

describe(findAttribute.name, () => {
  it('finds in any case', () => {
    expect(findAttribute(userSchema, 'USERNAME')?.name).toBe('userName');
  });

  it('finds dotted sub-attribute', () => {
    expect(findAttribute(userSchema, 'name.GIVENNAME')?.name).toBe('givenName');
    expect(findAttribute(enterpriseUserSchema, 'manager.value')?.type).toBe('string');
  });

  it('returns undefined when missing', () => {
    expect(findAttribute(userSchema, 'department')).toBeUndefined();
    expect(findAttribute(userSchema, 'name.nothing')).toBeUndefined();
    expect(findAttribute(userSchema, 'nothing.value')).toBeUndefined();
  });
});

describe('userSchema', () => {
  it('has RFC 7643 attributes', () => {
    expect(userSchema.id).toBe(USER_SCHEMA_ID);
    expect(names(userSchema.attributes)).toEqual([
      'id', 'externalId', 'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType',
      'preferredLanguage', 'locale', 'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos',
      'addresses', 'groups', 'entitlements', 'roles', 'x509Certificates',
    ]);
  });

  it('marks id read-only and always returned', () => {
    expect(findAttribute(userSchema, 'id')).toMatchObject({ mutability: 'readOnly', returned: 'always', caseExact: true });
  });

  it('marks userName required and unique', () => {
    expect(findAttribute(userSchema, 'userName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
  });

  it('marks externalId case-exact', () => {
    expect(findAttribute(userSchema, 'externalId')?.caseExact).toBe(true);
  });

  it('hides password', () => {
    expect(findAttribute(userSchema, 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
  });

  it('types active as boolean', () => {
    expect(findAttribute(userSchema, 'active')?.type).toBe('boolean');
  });

  it('defines name parts', () => {
    expect(names(findAttribute(userSchema, 'name')?.subAttributes)).toEqual([
      'formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix',
    ]);
  });

  it.each(['emails', 'phoneNumbers', 'ims', 'photos', 'entitlements', 'roles', 'x509Certificates'])(
    'defines %s elements',
    (name) => {
      const attribute = findAttribute(userSchema, name);
      expect(attribute).toMatchObject({ type: 'complex', multiValued: true });
      expect(names(attribute?.subAttributes)).toEqual(['value', 'display', 'type', 'primary']);
      expect(findAttribute(userSchema, `${name}.primary`)?.type).toBe('boolean');
    },
  );

  it('defines addresses', () => {
    expect(names(findAttribute(userSchema, 'addresses')?.subAttributes)).toEqual([
      'formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type', 'primary',
    ]);
  });

  it('marks groups read-only', () => {
    const groups = findAttribute(userSchema, 'groups');
    expect(groups).toMatchObject({ mutability: 'readOnly', multiValued: true });
    expect(names(groups?.subAttributes)).toEqual(['value', '$ref', 'display', 'type']);
  });
});

describe('groupSchema', () => {
  it('defines group attributes', () => {
    expect(groupSchema.id).toBe(GROUP_SCHEMA_ID);
    expect(names(groupSchema.attributes)).toEqual(['id', 'externalId', 'displayName', 'members']);
    expect(findAttribute(groupSchema, 'displayName')).toMatchObject({ required: true, caseExact: false });
  });

  it('defines members', () => {
    expect(names(findAttribute(groupSchema, 'members')?.subAttributes)).toEqual(['value', '$ref', 'display', 'type']);
    expect(findAttribute(groupSchema, 'members.value')).toMatchObject({ mutability: 'immutable', caseExact: true });
  });
});

describe('enterpriseUserSchema', () => {
  it('defines enterprise attributes', () => {
    expect(enterpriseUserSchema.id).toBe(ENTERPRISE_USER_SCHEMA_ID);
    expect(names(enterpriseUserSchema.attributes)).toEqual([
      'employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager',
    ]);
    expect(names(findAttribute(enterpriseUserSchema, 'manager')?.subAttributes)).toEqual(['value', '$ref', 'displayName']);
    expect(findAttribute(enterpriseUserSchema, 'manager.displayName')?.mutability).toBe('readOnly');
  });
});

describe(renderSchemaResource.name, () => {
  it('renders RFC 7643 section 7 shape', () => {
    const resource = renderSchemaResource(groupSchema, 'https://scim.example.com/scim/v2/');
    expect(resource).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: GROUP_SCHEMA_ID,
      name: 'Group',
      description: 'Group of users',
      attributes: groupSchema.attributes,
      meta: { resourceType: 'Schema', location: `https://scim.example.com/scim/v2/Schemas/${GROUP_SCHEMA_ID}` },
    });
  });

  it('copies attributes', () => {
    const resource = renderSchemaResource(userSchema, 'https://x');
    resource.attributes[0].name = 'changed';
    expect(userSchema.attributes[0].name).toBe('id');
  });
});
