/** A flow as the repository's flow files are written: JSON, 2 spaces, trailing newline. */
export function toFlowFileText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
