import { ChildProcess, spawn } from 'node:child_process';

export interface RunningScript {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs a TypeScript file with ts-node in its own process (asynchronously: the test's event loop keeps running). */
export function runTypeScript(file: string, args: string[], env: Record<string, string>): RunningScript {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
