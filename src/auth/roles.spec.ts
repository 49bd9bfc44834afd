import { canActAs, Role, ROLES } from './roles';

describe('canActAs', () => {
  const allowed: Record<Role, Role[]> = {
    consumer: ['consumer', 'reporter', 'editor', 'admin'],
    reporter: ['reporter', 'editor'],
    editor: ['editor'],
    admin: ['admin'],
  };

  for (const required of ROLES) {
    for (const principal of ROLES) {
      const expected = allowed[required].includes(principal);
      it(`a ${principal} ${expected ? 'may' : 'may not'} use a route requiring ${required}`, () => {
        expect(canActAs(principal, required)).toBe(expected);
      });
    }
  }
});
