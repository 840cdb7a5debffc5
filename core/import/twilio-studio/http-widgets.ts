import type { NodeOfKind } from '../../schema/flow.ts';
import { isUrl } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { getOwn, readArray, readString, readText, toAssignable } from '../json-shape.ts';
import { toSourceLabel } from '../node-ids.ts';
import { routeEvents } from './event-routes.ts';
import { toLookupSaveAs } from './liquid.ts';
import type { StudioState } from './states.ts';
import type { WidgetMapper } from './widgets.ts';

// Widgets that call out over HTTP: the environment decides by their outcome.

/** A URL our http node accepts, or a placeholder in the reserved `.invalid` domain. */
function requestUrl(ctx: ImportContext, id: string, state: StudioState): string {
  const url = readText(state.properties.url);
  if (url !== undefined && isUrl(url)) return url;
  const placeholder = `https://studio.invalid/${encodeURIComponent(state.name)}`;
  ctx.findings.warn(id, `${state.type} "${state.name}" calls "${url ?? ''}", which is not a fixed URL: imported with the placeholder ${placeholder}`);
  return placeholder;
}

function requestMethod(ctx: ImportContext, id: string, state: StudioState, fallback: 'GET' | 'POST'): 'GET' | 'POST' {
  const method = readString(state.properties.method)?.toUpperCase() ?? fallback;
  if (method === 'GET' || method === 'POST') return method;
  ctx.findings.warn(id, `${state.type} "${state.name}" uses ${method}, which the http node does not offer: imported as POST`);
  return 'POST';
}

type HttpOutcome = 'ok' | 'failed' | 'timeout';

// Each widget type's events by the outcome that takes them: built once, not per widget.
const MAKE_HTTP_REQUEST_EVENTS: Readonly<Record<string, HttpOutcome>> = { success: 'ok', failed: 'failed' };
const RUN_FUNCTION_EVENTS: Readonly<Record<string, HttpOutcome>> = { success: 'ok', fail: 'failed' };
const TWIML_REDIRECT_EVENTS: Readonly<Record<string, HttpOutcome>> = { return: 'ok', fail: 'failed', timeout: 'timeout' };

/** Look-ups decide by their outcome only; a timeout is one more way to fail. */
function addHttp(ctx: ImportContext, id: string, state: StudioState, table: Readonly<Record<string, HttpOutcome>>, method: 'GET' | 'POST'): void {
  const routes = routeEvents<HttpOutcome>(ctx, id, state, table, 'failed');
  const body = new Map<string, string>();
  for (const parameter of readArray(state.properties.parameters)) {
    const key = readText(getOwn(parameter, 'key'));
    if (key !== undefined) body.set(key, String(toAssignable(getOwn(parameter, 'value') ?? '')));
  }
  const timeout = routes.timeout ?? routes.failed;
  let url = requestUrl(ctx, id, state);
  // Studio sends the parameters of a GET as its query string
  if (method === 'GET' && body.size > 0) {
    // values stay readable (`{{trigger.call.From}}`) where the URL allows it
    const query = toReadableQuery(body);
    const joined = `${url}${url.includes('?') ? '&' : '?'}${query}`;
    url = isUrl(joined) ? joined : `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams([...body]).toString()}`;
    body.clear();
  }
  const saveAs = toLookupSaveAs(state);
  // optional fields assigned in the schema's order: a spread built a throwaway object per field
  const request: NodeOfKind<'http'>['request'] = { url, method };
  if (body.size > 0) request.body = Object.fromEntries(body);
  const on: NodeOfKind<'http'>['on'] = {};
  if (routes.ok !== undefined) on.ok = routes.ok;
  if (routes.failed !== undefined) on.failed = routes.failed;
  if (timeout !== undefined) on.timeout = timeout;
  const label = toSourceLabel(id, state.name);
  // `on` comes after the optional saveAs in the schema's order: assigned last, so the literal lacks it
  const node = (label === undefined ? { kind: 'http', request } : { kind: 'http', label, request }) as NodeOfKind<'http'>;
  // saved where Studio's Liquid reads it (`widgets.<name>.parsed.<field>`)
  if (saveAs !== undefined) node.saveAs = saveAs;
  node.on = on;
  ctx.nodes.set(id, node);
}

/** `key=value&…` with the keys encoded and the values as written, so `{{trigger.call.From}}` stays readable; no pair array per parameter. */
function toReadableQuery(body: ReadonlyMap<string, string>): string {
  let query = '';
  body.forEach((value, key) => {
    query += `${query === '' ? '' : '&'}${encodeURIComponent(key)}=${value}`;
  });
  return query;
}

export const makeHttpRequest: WidgetMapper = (ctx, id, state) => addHttp(ctx, id, state, MAKE_HTTP_REQUEST_EVENTS, requestMethod(ctx, id, state, 'GET'));

export const runFunction: WidgetMapper = (ctx, id, state) => addHttp(ctx, id, state, RUN_FUNCTION_EVENTS, 'POST');

export const addTwimlRedirect: WidgetMapper = (ctx, id, state) => {
  ctx.findings.warn(id, `add-twiml-redirect "${state.name}" hands the call to TwiML outside the flow, which the validator cannot see: imported as an http look-up (return → ok, fail → failed, timeout → timeout)`);
  addHttp(ctx, id, state, TWIML_REDIRECT_EVENTS, requestMethod(ctx, id, state, 'POST'));
};
