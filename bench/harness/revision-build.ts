import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Another revision of the service, checked out and compiled beside this tree. */
export interface RevisionBuild {
  /** What the caller asked for (`main~3`, a short hash…). */
  revision: string;
  sha: string;
  /** Its compiled tree, for `NEWSDESK_BENCH_DIST`. */
  dist: string;
  /** Removes the worktree (its build with it). */
  remove(): void;
}

/**
 * Checks `revision` of the repository at `root` out in a git worktree of its own (in the system's temporary folder), links this
 * tree's `node_modules` into it and compiles it with `nest build`. A revision whose
 * `package-lock.json` differs from this tree's is built and run with this tree's packages all the
 * same; `warn` says so.
 *
 * @throws when git does not know the revision or the build fails (git's and nest's own messages)
 */
export function buildRevision(revision: string, repository: { root: string; warn: (message: string) => void }): RevisionBuild {
  const { root, warn } = repository;
  const git = (...args: string[]) => runGit(root, args);
  const sha = git('rev-parse', '--verify', '--quiet', `${revision}^{commit}`).trim();
  const dir = join(tmpdir(), `newsdesk-bench-${sha.slice(0, 12)}`);
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    git('worktree', 'prune');
  };
  // What an earlier run left, whether git still lists it or not.
  if (existsSync(dir)) remove();
  git('worktree', 'add', '--detach', '--quiet', dir, sha);
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (git('diff', '--name-only', sha, '--', 'package-lock.json').trim() !== '') {
      warn(`${revision} has another package-lock.json than this tree: it is built and run with this tree's node_modules`);
    }
    execFileSync(process.execPath, [join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    remove();
    throw error;
  }
  return { revision, sha, dist: join(dir, 'dist'), remove };
}

/** The working tree's commit, and whether it has changes beyond it (which the head side then measures too). */
export function headRevision(root: string): { sha: string; dirty: boolean } {
  return { sha: runGit(root, ['rev-parse', 'HEAD']).trim(), dirty: runGit(root, ['status', '--porcelain']).trim() !== '' };
}

function runGit(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : args[0] === 'rev-parse' ? ': no such revision' : ''}`);
  }
}
