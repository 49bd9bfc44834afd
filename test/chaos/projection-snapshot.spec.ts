import { differingTables } from '../../chaos/harness/projection-snapshot';

describe('comparing projection snapshots', () => {
  it('names the tables whose rows differ, are missing on one side, or come in another number', () => {
    const left = new Map([
      ['same', ['{"a":1}', '{"a":2}']],
      ['changed', ['{"a":1}']],
      ['shorter', ['{"a":1}', '{"a":2}']],
      ['only_left', []],
    ]);
    const right = new Map([
      ['same', ['{"a":1}', '{"a":2}']],
      ['changed', ['{"a":9}']],
      ['shorter', ['{"a":1}']],
      ['only_right', []],
    ]);
    expect(differingTables(left, right).sort()).toEqual(['changed', 'only_left', 'only_right', 'shorter']);
  });

  it('compares tables too large to be one string', () => {
    // 600 rows of 1 MB: together past V8's longest string, which a whole-table comparison hit.
    const row = 'x'.repeat(1_000_000);
    const rows = Array.from({ length: 600 }, () => row);
    expect(differingTables(new Map([['tallies', rows]]), new Map([['tallies', [...rows]]]))).toEqual([]);
    expect(differingTables(new Map([['tallies', rows]]), new Map([['tallies', [...rows.slice(1), 'y']]]))).toEqual(['tallies']);
  });
});
