import { BenchSizes } from './bench-context';

export interface RunArguments {
  /** Only these scenario numbers (`--scenario 2`, repeatable); all when empty. */
  scenarios: number[];
  sizes: BenchSizes;
}

const USAGE = 'usage: npm run bench -- [--scenario N]... [--events N] [--quick]';

/** `--scenario N` (repeatable), `--events N` (rebuild seed size), `--quick` (short runs to check the harness). */
export function parseRunArguments(argv: readonly string[], defaults: BenchSizes, quick: BenchSizes): RunArguments {
  const scenarios: number[] = [];
  let sizes = defaults;
  let events: number | undefined;
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
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  return { scenarios, sizes: events === undefined ? sizes : { ...sizes, rebuildEvents: events } };
}
