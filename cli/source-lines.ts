// Finds the line a node sits on in a flow file's text, so SARIF results point
// at the node rather than the top of the file. A plain text search: good
// enough for a line number, and it never fails (undefined when not found).

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}

/**
 * The 1-based line of `"nodeId": {` (a humanline node), else of `"name": "nodeId"` (a Studio
 * widget) or `"Identifier": "nodeId"` (a Connect action), else of the first `"nodeId"` in the text.
 */
export function findNodeLine(text: string, nodeId: string): number | undefined {
  const quoted = escapeRegExp(JSON.stringify(nodeId));
  const patterns = [`${quoted}\\s*:\\s*\\{`, `"(?:name|Identifier)"\\s*:\\s*${quoted}`, quoted];
  for (const pattern of patterns) {
    const match = new RegExp(pattern).exec(text);
    if (match) return lineAt(text, match.index);
  }
  return undefined;
}
