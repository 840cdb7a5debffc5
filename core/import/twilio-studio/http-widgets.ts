import { isUrl } from '../field-values.ts';
import type { ImportContext } from '../import-context.ts';
import { getOwn, readArray, readString, readText, toAssignable } from '../json-shape.ts';
import { getSourceLabel } from '../node-ids.ts';
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

/** Look-ups decide by their outcome only; a timeout is one more way to fail. */
function addHttp(ctx: ImportContext, id: string, state: StudioState, table: Record<string, 'ok' | 'failed' | 'timeout'>, method: 'GET' | 'POST'): void {
  const routes = routeEvents<'ok' | 'failed' | 'timeout'>(ctx, id, state, table, 'failed');
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
    const query = [...body].map(([key, value]) => `${encodeURIComponent(key)}=${value}`).join('&');
    const joined = `${url}${url.includes('?') ? '&' : '?'}${query}`;
    url = isUrl(joined) ? joined : `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams([...body]).toString()}`;
    body.clear();
  }
  const saveAs = toLookupSaveAs(state);
  ctx.nodes.set(id, {
    kind: 'http', ...getSourceLabel(id, state.name),
    request: { url, method, ...(body.size > 0 ? { body: Object.fromEntries(body) } : {}) },
    // saved where Studio's Liquid reads it (`widgets.<name>.parsed.<field>`)
    ...(saveAs !== undefined ? { saveAs } : {}),
    on: { ...(routes.ok !== undefined ? { ok: routes.ok } : {}), ...(routes.failed !== undefined ? { failed: routes.failed } : {}), ...(timeout !== undefined ? { timeout } : {}) },
  });
}

export const makeHttpRequest: WidgetMapper = (ctx, id, state) => addHttp(ctx, id, state, { success: 'ok', failed: 'failed' }, requestMethod(ctx, id, state, 'GET'));

export const runFunction: WidgetMapper = (ctx, id, state) => addHttp(ctx, id, state, { success: 'ok', fail: 'failed' }, 'POST');

export const addTwimlRedirect: WidgetMapper = (ctx, id, state) => {
  ctx.findings.warn(id, `add-twiml-redirect "${state.name}" hands the call to TwiML outside the flow, which the validator cannot see: imported as an http look-up (return → ok, fail → failed, timeout → timeout)`);
  addHttp(ctx, id, state, { return: 'ok', fail: 'failed', timeout: 'timeout' }, requestMethod(ctx, id, state, 'POST'));
};
