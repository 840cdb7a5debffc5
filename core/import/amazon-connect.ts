import { readConnectActions, getArnName, getDisplayName, type ConnectAction } from './amazon-connect/actions.ts';
import { addUnknownBlock, getBlockMapper, type ConnectFlowInfo } from './amazon-connect/blocks.ts';
import { ConnectCalendars, readHoursData } from './amazon-connect/hours.ts';
import { ConnectRoutes } from './amazon-connect/routes.ts';
import { describeConnectFlowType } from './amazon-connect/flow-type.ts';
import { getConnectWrapper, unwrapConnectExport } from './amazon-connect/unwrap.ts';
import { finishImport } from './flow-assembly.ts';
import type { ImportOptions } from './flow-links.ts';
import { guardImport } from './guard.ts';
import { createImportContext } from './import-context.ts';
import { getOwn, readText, toPosition } from './json-shape.ts';
import type { ImportResult } from './types.ts';

/**
 * Converts an Amazon Connect flow (flow language `{ Version, StartAction, Actions, Metadata }`,
 * bare or wrapped as `{ Name, Type, Content }`). StartAction is the entry; a flow without one
 * is refused. Everything else maps block by block, with findings. Hours of operation
 * (DescribeHoursOfOperation answers) may ride along under `HoursOfOperations`.
 */
export function importAmazonConnect(data: unknown, options: ImportOptions = {}): ImportResult {
  return guardImport('amazon-connect', () => convert(data, options));
}

function convert(data: unknown, options: ImportOptions): ImportResult {
  const refuse = (message: string): ImportResult => ({ ok: false, format: 'amazon-connect', message });
  const unwrapped = unwrapConnectExport(data);
  if (!unwrapped.ok) return refuse(unwrapped.message);
  const { content } = unwrapped;
  const notRouting = describeConnectFlowType(getConnectWrapper(data), content);
  if (notRouting !== undefined) {
    return { ok: false, format: 'amazon-connect', message: `This is ${notRouting}, not a flow that answers calls: there is no route to a person to check`, routesNoCaller: true };
  }
  const rawActions = getOwn(content, 'Actions');
  if (!Array.isArray(rawActions)) return refuse('Amazon Connect flow has no "Actions" array');

  const ctx = createImportContext<ConnectAction>(options);
  const metadata = getOwn(content, 'Metadata');
  const actions = readConnectActions(rawActions, metadata, ctx.findings);
  const ids = actions.map((action) => ctx.ids.claim(action.identifier, action));
  const start = readText(getOwn(content, 'StartAction'));
  if (start === undefined) return refuse('Amazon Connect flow has no StartAction: nothing answers a contact');
  const entry = ctx.ids.get(start);
  if (entry === undefined) return refuse(`Amazon Connect flow's StartAction is "${start}", which is not among its Actions: nothing answers a contact`);

  const flow: ConnectFlowInfo = {
    // distinct once here, not per block that reads them: a large export has thousands of each
    workingQueues: [
      ...new Set(
        actions
          .filter((action) => action.type === 'UpdateContactTargetQueue')
          .flatMap((action) => {
            const queueId = readText(action.parameters.QueueId);
            const name = getDisplayName(action, 'QueueId') ?? (queueId !== undefined ? getArnName(queueId) : undefined);
            return name !== undefined ? [name] : [];
          }),
      ),
    ],
    calendars: new ConnectCalendars(readHoursData(data, content)),
  };
  actions.forEach((action, index) => {
    const id = ids[index] ?? action.identifier;
    if (ctx.positions) {
      const position = toPosition(getOwn(action.metadata, 'position'));
      if (position) ctx.positions.set(id, position);
    }
    const routes = new ConnectRoutes(ctx, id, action);
    (getBlockMapper(action.type) ?? addUnknownBlock)(ctx, id, action, routes, flow);
  });

  return finishImport('amazon-connect', ctx, {
    name: unwrapped.name ?? readText(getOwn(metadata, 'name')),
    description: unwrapped.description ?? readText(getOwn(metadata, 'description')),
    entry,
    calendars: Object.fromEntries(flow.calendars.calendars),
  });
}
