/** 16 K characters: a chunk stays a young, ordinary heap object; a chunk in the large-object space costs fresh memory from the system each time. */
const CHUNK_LENGTH = 1 << 14;

/**
 * Collects a large report piece by piece. Appending to one string builds a rope of millions of short
 * strings, all alive until the end and copied by every scavenge; here the pieces are joined into a chunk
 * every 16 K characters, so they die young, and each chunk is handed to `takeChunk`, which writes it out
 * (then it dies young too) or keeps it.
 */
export class TextBuilder {
  private pieces: string[] = [];
  private piecesLength = 0;

  constructor(private readonly takeChunk: (chunk: string) => void) {}

  add(piece: string): void {
    this.pieces.push(piece);
    this.piecesLength += piece.length;
    if (this.piecesLength >= CHUNK_LENGTH) this.closeChunk();
  }

  /** Hands over the last chunk: the text is complete. */
  close(): void {
    this.closeChunk();
  }

  private closeChunk(): void {
    if (this.pieces.length === 0) return;
    this.takeChunk(this.pieces.join(''));
    this.pieces = [];
    this.piecesLength = 0;
  }
}

/** Writes with `write` into chunks of text, handing each to `takeChunk` as soon as it is made. */
export function writeInChunks(takeChunk: (chunk: string) => void, write: (text: TextBuilder) => void): void {
  const text = new TextBuilder(takeChunk);
  write(text);
  text.close();
}

/** What `write` writes, as one string: for reports of ordinary size. */
export function toText(write: (text: TextBuilder) => void): string {
  const chunks: string[] = [];
  writeInChunks((chunk) => chunks.push(chunk), write);
  return chunks.length === 1 ? chunks[0]! : chunks.join('');
}
