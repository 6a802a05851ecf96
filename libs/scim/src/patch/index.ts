export * from './patch-types';
export * from './patch-path';
export * from './patch-request';
export * from './apply-patch';
