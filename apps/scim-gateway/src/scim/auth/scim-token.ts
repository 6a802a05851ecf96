import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix that lets secret scanners and people recognise a Zerocater SCIM token. */
const TOKEN_PREFIX = 'zcscim_';
/** 32 random bytes, i.e. 256 bits of entropy. */
const TOKEN_BYTES = 32;
const HINT_LENGTH = 4;

export function generateScimToken(): { token: string; hash: Buffer; hint: string } {
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashScimToken(token), hint: token.slice(-HINT_LENGTH) };
}

/** SHA-256 of the token. A fast hash is enough because the token is random, not a password. */
export function hashScimToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function hashesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Extracts the token from an Authorization header: `Bearer <token>` (scheme in any case) or the
 * raw token alone, as Okta sends it in its "HTTP header" authentication mode.
 */
export function tokenFromAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const match = /^bearer\s+(\S+)$/i.exec(trimmed);
  if (match) return match[1];
  if (/\s/.test(trimmed) || trimmed === '' || trimmed.toLowerCase() === 'bearer') return undefined;
  return trimmed;
}
