/** The roles an API key can carry (see API.md "Authentication and roles"). */
export const ROLES = ['reporter', 'editor', 'consumer', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/**
 * Which principals may use a route that requires a role. Capabilities are not a strict hierarchy:
 * an editor does all a reporter does, everyone reads, but an admin runs the desk's machinery and
 * does not write stories, and no one but an admin manages keys or projections.
 */
const ROLES_ACTING_AS: Readonly<Record<Role, readonly Role[]>> = {
  consumer: ['consumer', 'reporter', 'editor', 'admin'],
  reporter: ['reporter', 'editor'],
  editor: ['editor'],
  admin: ['admin'],
};

/** True when a principal with `principalRole` may use a route that requires `requiredRole`. */
export function canActAs(principalRole: Role, requiredRole: Role): boolean {
  return ROLES_ACTING_AS[requiredRole].includes(principalRole);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
