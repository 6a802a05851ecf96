export * from './schema-types';
export * from './user-schema';
export * from './group-schema';
export * from './enterprise-user-schema';
export * from './find-attribute';
export * from './schema-representation';
export { defineAttribute, defineComplexAttribute, defineMultiValuedAttribute } from './attribute-builders';
