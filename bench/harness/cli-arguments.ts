import { BenchSizes } from './bench-context';

export interface RunArguments {
  /** Only these scenario numbers (`--scenario 2`, repeatable); all when empty. */
  scenarios: number[];
  sizes: BenchSizes;
  /** `--cpu-prof`: every service process the run starts writes a V8 CPU profile to bench/profiles/ when it stops. */
  cpuProfile: boolean;
}

const USAGE = 'usage: npm run bench -- [--scenario N]... [--events N] [--quick] [--cpu-prof]';

/** `--scenario N` (repeatable), `--events N` (rebuild seed size), `--quick` (short runs to check the harness). */
export function parseRunArguments(argv: readonly string[], defaults: BenchSizes, quick: BenchSizes): RunArguments {
  const scenarios: number[] = [];
  let sizes = defaults;
  let events: number | undefined;
  let cpuProfile = false;
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = () => {
      const text = argv[++index];
      if (!text || !/^\d+$/.test(text)) throw new Error(`${flag} needs a whole number\n${USAGE}`);
      return Number(text);
    };
    if (flag === '--scenario') scenarios.push(value());
    else if (flag === '--events') events = value();
    else if (flag === '--quick') sizes = quick;
    else if (flag === '--cpu-prof') cpuProfile = true;
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  return { scenarios, cpuProfile, sizes: events === undefined ? sizes : { ...sizes, rebuildEvents: events } };
}
