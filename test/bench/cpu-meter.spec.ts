import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { CpuMeter, cpuRows } from '../../bench/harness/cpu-meter';
import { describeOnRealServer, testDatabaseUrl } from '../support/test-database';

const onLinux = existsSync('/proc/self/stat');

/** Keeps a child process busy on the CPU for `ms`, then exits. */
function busyChild(ms: number): { pid: number; exited: Promise<void> } {
  const child = spawn(process.execPath, ['-e', `const end = Date.now() + ${ms}; while (Date.now() < end);`], { stdio: 'ignore' });
  return { pid: child.pid!, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
}

/** A backend of the test database that keeps PostgreSQL busy for a moment, then goes. */
async function busyBackend(): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query('SELECT sum(i::bigint * i) FROM generate_series(1, 3000000) AS i');
  } finally {
    await client.end();
  }
}

describeOnRealServer('the bench CPU meter', () => {
  if (!onLinux) {
    it.skip('[SKIPPED: needs /proc, i.e. Linux] counts CPU by process', () => undefined);
    return;
  }
  const databaseName = () => new URL(testDatabaseUrl()).pathname.slice(1);

  it("counts a process's CPU up to its exit, and the CPU of the database's backends, those that came and went included", async () => {
    const meter = CpuMeter.start(databaseName())!;
    const busy = busyChild(600);
    meter.add('busy', busy.pid);
    // A backend that starts after the meter and is gone before it stops.
    await busyBackend();
    await busy.exited;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const spent = meter.stop();

    expect(spent.processes.busy).toBeGreaterThan(0.3);
    expect(spent.processes.busy).toBeLessThan(1.5);
    expect(spent.postgres).toBeGreaterThan(0.05);
  });

  it("counts a process's children and their children with it (a service's workers)", async () => {
    // A parent that idles while its child, and that child's own child, keep a core busy.
    const grandchild = `const end = Date.now() + 500; while (Date.now() < end);`;
    const child = `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'inherit' }).on('exit', () => process.exit()); const end = Date.now() + 500; while (Date.now() < end);`;
    const parent = spawn(process.execPath, ['-e', `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: 'inherit' }).on('exit', () => process.exit());`], { stdio: 'ignore' });
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const meter = CpuMeter.start(databaseName(), { parent: parent.pid! })!;
    await exited;
    const spent = meter.stop();
    // Child and grandchild each ran for most of 500 ms, one after the other at most: well above what the idle parent could spend.
    expect(spent.processes.parent).toBeGreaterThan(0.4);
    expect(spent.processes.parent).toBeLessThan(2);
  });

  it('counts nothing for backends of other databases', async () => {
    const meter = CpuMeter.start('newsdesk_no_such_database')!;
    await busyBackend();
    expect(meter.stop().postgres).toBe(0);
  });

  it('turns a run into CPU per unit of work and the rate the cores allow', () => {
    const run = { cpu: { processes: { service: 2 }, postgres: 1, harness: 0.5 }, units: 3_000 };
    const rows = cpuRows(2, { per: 'per append, one process', ceiling: 'CPU ceiling on appends' }, [run, undefined]);
    const byMetric = Object.fromEntries(rows.map((row) => [row.metric, row.value.median]));
    expect(byMetric['CPU per append, one process: service process']).toBeCloseTo(0.667, 3);
    expect(byMetric['CPU per append, one process: PostgreSQL']).toBeCloseTo(0.333, 3);
    const cores = cpus().length;
    expect(rows[rows.length - 1].value.median).toBeCloseTo((cores * 3_000) / 3, 6);
    expect(cpuRows(2, { per: 'x', ceiling: 'y' }, [undefined])).toEqual([]);
  });
});
