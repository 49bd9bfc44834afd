import { readdirSync, readFileSync } from 'node:fs';

/** Children, grandchildren… of a live process, from /proc/<pid>/task/<tid>/children (empty once it is gone, and off Linux). */
export function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    let children: string;
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const child of children.split(' ').filter(Boolean).map(Number)) found.push(child, ...descendantsOf(child));
  }
  return found;
}
