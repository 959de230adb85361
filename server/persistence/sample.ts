/** The first few of a stream by an order, kept while the stream passes (never more than `size` in memory). */
export class FirstBy<T> {
  readonly items: T[] = [];
  count = 0;

  constructor(
    private readonly size: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    this.count++;
    if (this.items.length === this.size && this.compare(item, this.items[this.size - 1]!) >= 0) return;
    let at = this.items.length;
    while (at > 0 && this.compare(item, this.items[at - 1]!) < 0) at--;
    this.items.splice(at, 0, item);
    if (this.items.length > this.size) this.items.pop();
  }
}

const collator = new Intl.Collator('fi');

/** By name as a Finnish reader sorts, then by id. */
export const byName = (a: { id: string; name: string }, b: { id: string; name: string }): number =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
