/** A place in a SortedChunks list: chunk number and offset inside it. */
export interface ChunkPosition { chunk: number; offset: number }

const MAX_CHUNK = 512;

/**
 * A sorted list kept as a list of small sorted arrays (a flat B-tree of depth two): binary
 * search finds a position in O(log n) and an insert or delete moves at most one chunk, so
 * index maintenance stays cheap at 100k+ entries where one big array would memmove on every write.
 */
export class SortedChunks<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  /** The first position whose item satisfies `atOrAfter` (a predicate monotone over the order). */
  seek(atOrAfter: (item: T) => boolean): ChunkPosition {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid] as T[];
      if (atOrAfter(chunk[chunk.length - 1] as T)) hi = mid;
      else lo = mid + 1;
    }
    const chunk = this.chunks[lo];
    if (!chunk) return { chunk: this.chunks.length, offset: 0 };
    return { chunk: lo, offset: lowerBound(chunk, atOrAfter) };
  }

  /** How many items lie from `from` up to (not including) `to`: a count without visiting them. */
  distance(from: ChunkPosition, to: ChunkPosition): number {
    if (to.chunk < from.chunk || (to.chunk === from.chunk && to.offset <= from.offset)) return 0;
    let n = -from.offset;
    for (let c = from.chunk; c < to.chunk && c < this.chunks.length; c++) n += (this.chunks[c] as T[]).length;
    return n + to.offset;
  }

  insert(item: T): void {
    const at = this.seek((x) => this.cmp(x, item) >= 0);
    // Past the end: append to the last chunk (or start the first one).
    const index = at.chunk < this.chunks.length ? at.chunk : at.chunk - 1;
    const chunk = this.chunks[index];
    if (!chunk) {
      this.chunks.push([item]);
    } else {
      chunk.splice(index === at.chunk ? at.offset : chunk.length, 0, item);
      if (chunk.length > MAX_CHUNK) this.chunks.splice(index + 1, 0, chunk.splice(MAX_CHUNK >> 1));
    }
    this.count += 1;
  }

  /** Removes the item comparing equal to `item`; false when there is none. */
  delete(item: T): boolean {
    const at = this.seek((x) => this.cmp(x, item) >= 0);
    const chunk = this.chunks[at.chunk];
    if (!chunk || at.offset >= chunk.length || this.cmp(chunk[at.offset] as T, item) !== 0) return false;
    chunk.splice(at.offset, 1);
    if (chunk.length === 0) this.chunks.splice(at.chunk, 1);
    this.count -= 1;
    return true;
  }

  /** Items from `from` up to (not including) `to` (the end when omitted), in order. */
  *forward(from: ChunkPosition, to?: ChunkPosition): Generator<T> {
    const end = to ?? { chunk: this.chunks.length, offset: 0 };
    let offset = from.offset;
    for (let c = from.chunk; c <= end.chunk && c < this.chunks.length; c++) {
      const chunk = this.chunks[c] as T[];
      const stop = c === end.chunk ? end.offset : chunk.length;
      for (let i = offset; i < stop; i++) yield chunk[i] as T;
      offset = 0;
    }
  }

  /** Items before `before` down to (and including) `from`, last first. */
  *backward(before: ChunkPosition, from: ChunkPosition): Generator<T> {
    let c = before.chunk;
    let i = before.offset - 1;
    for (;;) {
      while (i < 0) {
        c -= 1;
        if (c < 0) return;
        i = (this.chunks[c] as T[]).length - 1;
      }
      if (c < from.chunk || (c === from.chunk && i < from.offset)) return;
      yield (this.chunks[c] as T[])[i] as T;
      i -= 1;
    }
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}

function lowerBound<T>(items: T[], atOrAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (atOrAfter(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
