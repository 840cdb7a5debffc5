/**
 * Dial's bucket queue for whole-number priorities that never go below the
 * last one popped, as in the step games (every exit costs 0 or 1 step):
 * O(1) per operation where the heap pays O(log V).
 */
export class BucketQueue {
  private readonly buckets: Bucket[] = [];
  private current = 0;
  size = 0;

  push(priority: number, item: number): void {
    (this.buckets[priority] ??= new Bucket()).push(item);
    this.size++;
  }

  peekPriority(): number {
    this.advance();
    return this.current;
  }

  pop(): number {
    this.advance();
    this.size--;
    return this.buckets[this.current]!.pop();
  }

  private advance(): void {
    while (!this.buckets[this.current]?.size) this.current++;
  }
}

/**
 * The items of one priority, last in first out, on a growable typed array: a bucket can hold most
 * nodes of a large flow (the escape game costs nothing per exit), and a plain array that long is a
 * large object each time it grows, whose fresh memory cost more than the queue's work.
 */
class Bucket {
  private items = new Int32Array(16);
  size = 0;

  push(item: number): void {
    if (this.size === this.items.length) {
      const items = new Int32Array(this.items.length * 2);
      items.set(this.items);
      this.items = items;
    }
    this.items[this.size++] = item;
  }

  pop(): number {
    return this.items[--this.size]!;
  }
}
