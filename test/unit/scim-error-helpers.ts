import { ScimError } from '@app/scim/errors';

/** Runs `action` and returns the ScimError it throws; fails the test when it throws nothing or something else. */
export function catchScimError(action: () => unknown): ScimError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('Expected a ScimError, but the call returned normally.');
}
