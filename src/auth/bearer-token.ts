/** Longest secret accepted in a header; anything longer is refused before it is hashed. */
const MAX_TOKEN_LENGTH = 512;

// RFC 6750: the scheme is case-insensitive; the token is token68 (base64url and friends).
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The secret in `Authorization: Bearer <secret>`, or `undefined` when the header is missing or is not
 * exactly one bearer token (another scheme, no token, several tokens, odd characters).
 */
export function readBearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.length > MAX_TOKEN_LENGTH + 7) return undefined;
  return BEARER.exec(header.trim())?.[1];
}
