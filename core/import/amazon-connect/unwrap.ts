import { getOwn, isRecord, readText, type JsonRecord } from '../json-shape.ts';

export type UnwrappedConnectFlow =
  | { ok: true; content: JsonRecord; name: string | undefined; description: string | undefined }
  | { ok: false; message: string };

/** What holds the flow's Name, Type and Content: DescribeContactFlow's `ContactFlow`, else the export itself. */
export function getConnectWrapper(data: unknown): unknown {
  const inner = getOwn(data, 'ContactFlow');
  return isRecord(inner) ? inner : data;
}

/**
 * The flow language document inside an export. The console exports it bare; the API and
 * CloudFormation wrap it as `{ Name, Type, Content }` with Content a JSON string (or, as some
 * tools write it, an object); DescribeContactFlow answers `{ ContactFlow: { ...that } }`.
 */
export function unwrapConnectExport(data: unknown): UnwrappedConnectFlow {
  const wrapper = getConnectWrapper(data);
  if (!isRecord(wrapper)) return { ok: false, message: 'An Amazon Connect flow is a JSON object with StartAction and Actions; this is not an object' };
  const name = readText(getOwn(wrapper, 'Name'));
  const description = readText(getOwn(wrapper, 'Description'));
  const content = getOwn(wrapper, 'Content');
  if (content === undefined) return { ok: true, content: wrapper, name, description };
  if (isRecord(content)) return { ok: true, content, name, description };
  if (typeof content !== 'string') return { ok: false, message: `Amazon Connect flow Content is a ${Array.isArray(content) ? 'list' : typeof content}, not the flow as a JSON string or object` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    return { ok: false, message: `Amazon Connect flow Content is not valid JSON (${error instanceof Error ? error.message : String(error)}), so the flow inside it cannot be read` };
  }
  if (!isRecord(parsed)) return { ok: false, message: 'Amazon Connect flow Content holds JSON that is not an object, so it is no flow' };
  return { ok: true, content: parsed, name, description };
}
