import {
  defineAttribute,
  defineComplexAttribute,
  defineMultiValuedAttribute,
} from './attribute-builders';
import { ScimSchemaDefinition, USER_SCHEMA_ID } from './schema-types';

/** Core User schema, with the attributes of RFC 7643, section 4.1. */
export const userSchema: ScimSchemaDefinition = {
  id: USER_SCHEMA_ID,
  name: 'User',
  description: 'User account',
  attributes: [
    defineAttribute('id', 'string', 'Identifier assigned by the service provider.', {
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
      uniqueness: 'server',
    }),
    defineAttribute('externalId', 'string', 'Identifier assigned by the provisioning client.', {
      caseExact: true,
    }),
    defineAttribute('userName', 'string', 'Unique sign-in name of the user.', {
      required: true,
      uniqueness: 'server',
    }),
    defineComplexAttribute('name', 'Parts of the user\'s full name.', [
      defineAttribute('formatted', 'string', 'Full name formatted for display.'),
      defineAttribute('familyName', 'string', 'Family name, or last name in most Western languages.'),
      defineAttribute('givenName', 'string', 'Given name, or first name in most Western languages.'),
      defineAttribute('middleName', 'string', 'Middle name or names.'),
      defineAttribute('honorificPrefix', 'string', 'Title before the name, such as "Ms.".'),
      defineAttribute('honorificSuffix', 'string', 'Suffix after the name, such as "III".'),
    ]),
    defineAttribute('displayName', 'string', 'Name shown to end users.'),
    defineAttribute('nickName', 'string', 'Casual name, which may differ from the given name.'),
    defineAttribute('profileUrl', 'reference', 'URL of the user\'s online profile.', {
      referenceTypes: ['external'],
    }),
    defineAttribute('title', 'string', 'Job title, such as "Office Manager".'),
    defineAttribute('userType', 'string', 'Relationship to the organization, such as "Employee" or "Contractor".'),
    defineAttribute('preferredLanguage', 'string', 'Preferred written or spoken language, as an RFC 7231 language tag.'),
    defineAttribute('locale', 'string', 'Locale for formatting dates, numbers and currency, such as "en-US".'),
    defineAttribute('timezone', 'string', 'IANA time zone name, such as "America/Los_Angeles".'),
    defineAttribute('active', 'boolean', 'Whether the account may be used.'),
    defineAttribute('password', 'string', 'Clear-text password, accepted on write and never returned.', {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    defineMultiValuedAttribute('emails', 'E-mail addresses of the user.', {
      typeCanonicalValues: ['work', 'home', 'other'],
    }),
    defineMultiValuedAttribute('phoneNumbers', 'Phone numbers of the user.', {
      typeCanonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
    }),
    defineMultiValuedAttribute('ims', 'Instant messaging addresses of the user.', {
      typeCanonicalValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
    }),
    defineMultiValuedAttribute('photos', 'URLs of images of the user.', {
      valueType: 'reference',
      valueReferenceTypes: ['external'],
      typeCanonicalValues: ['photo', 'thumbnail'],
    }),
    defineComplexAttribute(
      'addresses',
      'Physical mailing addresses of the user.',
      [
        defineAttribute('formatted', 'string', 'Full address formatted for display, possibly on several lines.'),
        defineAttribute('streetAddress', 'string', 'Street, house number and any apartment or suite.'),
        defineAttribute('locality', 'string', 'City or locality.'),
        defineAttribute('region', 'string', 'State or region.'),
        defineAttribute('postalCode', 'string', 'Postal or ZIP code.'),
        defineAttribute('country', 'string', 'Country as an ISO 3166-1 alpha-2 code, such as "US".'),
        defineAttribute('type', 'string', 'Label that tells what kind of address this is.', {
          canonicalValues: ['work', 'home', 'other'],
        }),
        defineAttribute('primary', 'boolean', 'Whether this is the preferred address.'),
      ],
      { multiValued: true },
    ),
    defineComplexAttribute(
      'groups',
      'Groups the user belongs to, directly or through nested groups. Change it through the Group resource.',
      [
        defineAttribute('value', 'string', 'Identifier of the group.', { mutability: 'readOnly' }),
        defineAttribute('$ref', 'reference', 'URI of the group resource.', {
          mutability: 'readOnly',
          referenceTypes: ['User', 'Group'],
        }),
        defineAttribute('display', 'string', 'Display name of the group.', { mutability: 'readOnly' }),
        defineAttribute('type', 'string', 'Whether the membership is direct or through a nested group.', {
          mutability: 'readOnly',
          canonicalValues: ['direct', 'indirect'],
        }),
      ],
      { multiValued: true, mutability: 'readOnly' },
    ),
    defineMultiValuedAttribute('entitlements', 'Entitlements granted to the user.'),
    defineMultiValuedAttribute('roles', 'Roles held by the user.'),
    defineMultiValuedAttribute('x509Certificates', 'X.509 certificates issued to the user, DER-encoded in base64.', {
      valueType: 'binary',
    }),
  ],
};
