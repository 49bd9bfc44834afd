/** Letters, digits and `. _ @ -`, starting with a letter or digit: safe in logs and on command lines. */
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

export const KEY_NAME_RULE = 'names are 1-100 letters, digits, . _ @ -';

/** Whether `name` may name an API key's principal. */
export function isValidKeyName(name: string): boolean {
  return KEY_NAME.test(name);
}
