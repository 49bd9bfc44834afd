import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildRevision } from '../../bench/harness/revision-build';

const worktrees = () => execFileSync('git', ['worktree', 'list', '--porcelain'], { encoding: 'utf8' });

describe('building another revision for npm run bench:compare', () => {
  it('checks the revision out in a worktree of its own, compiles it, and removes it without a trace', () => {
    const warnings: string[] = [];
    // Jest runs in the repository's root.
    const build = buildRevision('HEAD', { root: process.cwd(), warn: (message) => warnings.push(message) });
    try {
      expect(build.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(existsSync(join(build.dist, 'src', 'main.js'))).toBe(true);
      expect(existsSync(join(build.dist, 'src', 'projections', 'rebuild', 'rebuild.cli.js'))).toBe(true);
      expect(worktrees()).toContain(join(build.dist, '..'));
      expect(warnings).toEqual([]);
    } finally {
      build.remove();
    }
    expect(existsSync(join(build.dist, '..'))).toBe(false);
    expect(worktrees()).not.toContain(join(build.dist, '..'));
  }, 120_000);

  it('refuses a revision git does not know, leaving no worktree', () => {
    const before = worktrees();
    expect(() => buildRevision('no-such-branch-anywhere', { root: process.cwd(), warn: () => undefined })).toThrow('git rev-parse --verify --quiet no-such-branch-anywhere^{commit} failed: no such revision');
    expect(worktrees()).toBe(before);
  });
});
