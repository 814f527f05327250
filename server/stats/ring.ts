/** A fixed-size ring of the most recent items, oldest first when read. */
export class Ring<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }

  last(n: number): T[] {
    return this.toArray().slice(-n);
  }

  get size(): number {
    return this.items.length;
  }
}
