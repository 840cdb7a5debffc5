/** 16 K characters: a chunk stays a young, ordinary heap object; a chunk in the large-object space costs fresh memory from the system each time. */
const CHUNK_LENGTH = 1 << 14;

/**
 * Collects a large report piece by piece. Appending to one string builds a rope of millions of short
 * strings, all alive until the end and copied by every scavenge; here the pieces are joined into a chunk
 * every 16 K characters, so they die young, and a caller takes the chunks or one string of them.
 */
export class TextBuilder {
  private pieces: string[] = [];
  private piecesLength = 0;
  private readonly chunks: string[] = [];

  add(piece: string): void {
    this.pieces.push(piece);
    this.piecesLength += piece.length;
    if (this.piecesLength >= CHUNK_LENGTH) this.closeChunk();
  }

  /** The text so far as its chunks, in order: written out one by one, no string ever holds the whole report. */
  toChunks(): string[] {
    this.closeChunk();
    return this.chunks;
  }

  /** The text so far, as one string. */
  toText(): string {
    this.closeChunk();
    return this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
  }

  private closeChunk(): void {
    if (this.pieces.length === 0) return;
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
    this.piecesLength = 0;
  }
}
