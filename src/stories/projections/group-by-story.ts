/** `items` per story, each story's in the order given; an item whose story is `null` is left out. */
export function groupByStory<Item>(items: Iterable<Item>, storyIdOf: (item: Item) => string | null): Map<string, Item[]> {
  const grouped = new Map<string, Item[]>();
  for (const item of items) {
    const storyId = storyIdOf(item);
    if (storyId === null) continue;
    const ofStory = grouped.get(storyId);
    if (ofStory) ofStory.push(item);
    else grouped.set(storyId, [item]);
  }
  return grouped;
}
