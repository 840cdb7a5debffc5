/**
 * Dial's bucket queue for whole-number priorities that never go below the
 * last one popped, as in the step games (every exit costs 0 or 1 step):
 * O(1) per operation where the heap pays O(log V).
 */
export class BucketQueue {
  private readonly buckets: number[][] = [];
  private current = 0;
  size = 0;

  push(priority: number, item: number): void {
    (this.buckets[priority] ??= []).push(item);
    this.size++;
  }

  peekPriority(): number {
    this.advance();
    return this.current;
  }

  pop(): number {
    this.advance();
    this.size--;
    return this.buckets[this.current]!.pop()!;
  }

  private advance(): void {
    while (!this.buckets[this.current]?.length) this.current++;
  }
}
