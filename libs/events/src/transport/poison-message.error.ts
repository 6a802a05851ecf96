/**
 * Raised by a handler for a message that can never succeed (a payload of the wrong shape), so the
 * transport dead-letters it at once instead of retrying it.
 */
export class PoisonMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}
