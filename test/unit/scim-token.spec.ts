import { generateScimToken, hashScimToken, hashesEqual, tokenFromAuthorization } from '../../apps/scim-gateway/src/scim/auth/scim-token';

describe(tokenFromAuthorization.name, () => {
  it.each([
    ['Bearer abc123', 'abc123'],
    ['bearer abc123', 'abc123'],
    ['BEARER   abc123  ', 'abc123'],
    ['abc123', 'abc123'],
  ])('reads %j', (header, expected) => {
    expect(tokenFromAuthorization(header)).toBe(expected);
  });

  it.each([[undefined], [''], ['non-token value'], ['Basic dXNlcjpwYXNz'], ['Bearer']])('rejects %j', (header) => {
    expect(tokenFromAuthorization(header)).toBeUndefined();
  });
});

describe(generateScimToken.name, () => {
  it('returns 256 random bits and a matching hash', () => {
    const first = generateScimToken();
    const second = generateScimToken();
    expect(first.token).not.toBe(second.token);
    expect(Buffer.from(first.token.replace(/^zcscim_/, ''), 'base64url')).toHaveLength(32);
    expect(hashesEqual(first.hash, hashScimToken(first.token))).toBe(true);
    expect(hashesEqual(first.hash, second.hash)).toBe(false);
    expect(first.hint).toBe(first.token.slice(-4));
  });
});
