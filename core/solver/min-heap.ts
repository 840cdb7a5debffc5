/** A binary min-heap of (priority, item) pairs on growable typed arrays; duplicates allowed (lazy deletion). */
export class MinHeap {
  private priorities = new Float64Array(64);
  private items = new Int32Array(64);
  size = 0;

  push(priority: number, item: number): void {
    if (this.size === this.items.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.priorities[parent]! <= priority) break;
      this.priorities[i] = this.priorities[parent]!;
      this.items[i] = this.items[parent]!;
      i = parent;
    }
    this.priorities[i] = priority;
    this.items[i] = item;
  }

  /** Removes the smallest pair; read its priority first with `peekPriority`. */
  pop(): number {
    const top = this.items[0]!;
    const last = --this.size;
    const priority = this.priorities[last]!;
    const item = this.items[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.priorities[child + 1]! < this.priorities[child]!) child++;
      if (this.priorities[child]! >= priority) break;
      this.priorities[i] = this.priorities[child]!;
      this.items[i] = this.items[child]!;
      i = child;
    }
    this.priorities[i] = priority;
    this.items[i] = item;
    return top;
  }

  peekPriority(): number {
    return this.priorities[0]!;
  }

  private grow(): void {
    const priorities = new Float64Array(this.items.length * 2);
    priorities.set(this.priorities);
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.priorities = priorities;
    this.items = items;
  }
}
