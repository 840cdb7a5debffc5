import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type {
  ApiErrorBody,
  DeletedFlow,
  DiscardedDraft,
  FlowListEntry,
  FlowVersionContent,
  FlowVersionEntry,
  FlowVersions,
  ImportedFlow,
  NewFlowId,
  OpenedFlow,
  PublishedFlow,
  RolledBackFlow,
  SavedFlow,
} from '../../core/designer-api/types.ts';
import { importFlow } from '../../core/import/index.ts';
import { createPseudoFinding } from '../../core/lint/findings.ts';
import { toUnparsedResult } from '../../core/lint/linter.ts';
import type { LintResult } from '../../core/lint/types.ts';
import type { BrowserCallCredentials } from '../config.ts';
import { StoreError } from '../errors.ts';
import type { FlowRegistry, Publisher } from '../flows/registry.ts';
import { describeBroken, describeLinkFix, type BrokenFlow } from '../flows/line-gate.ts';
import type { CallStore } from '../store/types.ts';
import { getRequestHolder, requireAdminToken, type AdminToken } from './admin-token.ts';
import { DesignerApiError, parseWith } from './api-error.ts';
import { refuseDeepBodies } from './body-depth.ts';
import { createCrossSiteGuard } from './cross-site-guard.ts';
import type { FlowFileContent, FlowFiles, StoredFlow } from './flow-files.ts';
import { EmptyBodySchema, FlowIdSchema, ImportBodySchema, PublishBodySchema, RollbackBodySchema, SaveDraftBodySchema, TargetIdBodySchema, VersionNumberSchema } from './schemas.ts';
import { createCallRoutes } from './call-routes.ts';
import { createVoiceRoutes } from './voice-routes.ts';
import { createTestRoutes, type TestRoutesDeps } from './test-routes.ts';
import { countOf } from '../../core/format/words.ts';
import { createOneAtATime } from '../one-at-a-time.ts';

export { DesignerApiError } from './api-error.ts';

export interface DesignerApiDeps {
  /** who may use the designer, each by name (the name a publish is recorded under) */
  adminTokens: readonly AdminToken[];
  /** PUBLIC_BASE_URL: the designer's origin behind a proxy; undefined: the address each request came to */
  publicBaseUrl: string | undefined;
  /** where drafts and published flows are kept: the folders of one machine, or the copy replicas share */
  files: FlowFiles;
  flows: FlowRegistry;
  /** the flows' publish history, and their calls */
  store: Pick<CallStore, 'listPublishes' | 'listCalls' | 'getCallDetail' | 'getFlowAnalytics' | 'getFlowVersion' | 'getMeasuredEvidence'>;
  /** HUMANLINE_SHOW_CALLER_NUMBERS: `numbers=shown` may show caller numbers whole */
  showCallerNumbers?: boolean;
  /** the clock, for the default date range */
  now?: () => Date;
  logger: Logger;
  /** the tests folder "Save as test" writes to; undefined: the test routes answer 404 */
  tests?: TestRoutesDeps;
  /** Twilio credentials for test calls from the browser; undefined: /voice explains what to set */
  browserCall?: BrowserCallCredentials | undefined;
}

/** Flows are JSON of a few hundred nodes; an import export with layout data stays well under this. */
const BODY_LIMIT = '2mb';

const getFlowId = (req: Request) => parseWith(FlowIdSchema, req.params.id, 'flow id');

/** The flow's name, when it has a string one (a draft may not). */
function getFlowName(content: FlowFileContent): string | null {
  if (!content.ok || typeof content.data !== 'object' || content.data === null) return null;
  const name = (content.data as { name?: unknown }).name;
  return typeof name === 'string' ? name : null;
}

/** The name itself when no other flow has it, else the first free "Name (2)", "Name (3)"... */
export function getFreeFlowName(name: string, takenNames: ReadonlySet<string>): string {
  if (!takenNames.has(name)) return name;
  for (let count = 2; ; count += 1) if (!takenNames.has(`${name} (${count})`)) return `${name} (${count})`;
}

/** The history with version numbers: 1 for the oldest publish kept. */
function toVersionEntries(publishes: Awaited<ReturnType<CallStore['listPublishes']>>): FlowVersionEntry[] {
  return publishes.map(({ versionId, publishedAt, by, note }, index) => ({
    version: publishes.length - index,
    versionId,
    publishedAt,
    by,
    ...(note === undefined ? {} : { note }),
  }));
}

/** The designer's API: drafts in the data folder, publishing into the served flows folder. Every route needs the admin token. */
export function createDesignerApi(deps: DesignerApiDeps): Router {
  const { files } = deps;

  /**
   * A stored flow linted as the registry lints it, and the content the designer edits: a Studio
   * or Connect export (the registry serves those too) as the flow it converts to, anything else
   * as written, so the file round-trips exactly.
   */
  function openContent(id: string, content: FlowFileContent): { lint: LintResult; broken: BrokenFlow[]; editable: FlowFileContent } {
    const file = `${id}.json`;
    if (!content.ok) return { lint: toUnparsedResult([createPseudoFinding('file', 'error', content.message)], { file }), broken: [], editable: content };
    // judged in the line of the published flows, so a goto to one of them is a route like any other
    const { linted, verdict } = deps.flows.judge(id, content.data, file);
    const isExport = linted.format === 'twilio-studio' || linted.format === 'amazon-connect';
    return { lint: verdict.result, broken: verdict.broken, editable: isExport && linted.flow !== undefined ? { ok: true, data: linted.flow } : content };
  }

  /** The current version of a flow (its draft, else its published file), opened; 404 when there is none. */
  async function getExisting(id: string): Promise<StoredFlow & { lint: LintResult; broken: BrokenFlow[] }> {
    const stored = await files.readCurrent(id);
    if (stored === undefined) throw new DesignerApiError(404, `no flow "${id}"`);
    const { lint, broken, editable } = openContent(id, stored.content);
    return { ...stored, content: editable, lint, broken };
  }

  /** The names of every flow but `id`. */
  async function getOtherFlowNames(id: string): Promise<Set<string>> {
    const names = new Set<string>();
    for (const entry of await files.listIds()) {
      if (entry.id === id) continue;
      const stored = await files.readCurrent(entry.id);
      const name = stored === undefined ? null : getFlowName(openContent(entry.id, stored.content).editable);
      if (name !== null) names.add(name);
    }
    return names;
  }

  async function refuseTaken(id: string): Promise<void> {
    if ((await files.exists(id, 'draft')) || (await files.exists(id, 'published'))) throw new DesignerApiError(409, `a flow "${id}" exists already`);
  }

  // Changes run one at a time, so "is the name free" and the write that follows cannot interleave.
  const exclusive = createOneAtATime();

  const router = express.Router();
  // the token comes before the body parser, so nobody without it gets 2 MB parsed
  router.use(requireAdminToken(deps.adminTokens));
  router.use(createCrossSiteGuard(deps.publicBaseUrl));
  router.use(express.json({ limit: BODY_LIMIT }));
  router.use(refuseDeepBodies);

  router.get('/flows', async (_req, res) => {
    const entries = await files.listIds();
    const flows = await Promise.all(
      entries.map(async ({ id, draft, published }) => {
        const stored = await files.readCurrent(id);
        const { lint, editable } = openContent(id, stored?.content ?? { ok: false, message: `${id}.json disappeared` });
        return { id, name: getFlowName(editable), published, draft, errorCount: lint.errorCount, warningCount: lint.warningCount };
      }),
    );
    res.json(flows satisfies FlowListEntry[]);
  });

  router.get('/flows/:id', async (req, res) => {
    const stored = await getExisting(getFlowId(req));
    res.json({ id: stored.id, flow: stored.content.ok ? stored.content.data : null, source: stored.source, lint: stored.lint } satisfies OpenedFlow);
  });

  router.put('/flows/:id', async (req, res) => {
    const id = getFlowId(req);
    parseWith(SaveDraftBodySchema, req.body, 'body');
    // saved as sent, not as zod rebuilt it: zod moves `nodes` first, and the file must round-trip exactly
    const flow = (req.body as { flow: unknown }).flow;
    await exclusive(() => files.write(id, 'draft', flow));
    res.json({ lint: openContent(id, { ok: true, data: flow }).lint } satisfies SavedFlow);
  });

  /**
   * Refuses with 409 and the findings when the linter finds an error, or when publishing would
   * give another flow of the line an error (those flows' findings then): a flow goes live only without one.
   */
  function refuseErrors(content: FlowFileContent, lint: LintResult, broken: readonly BrokenFlow[], what: string): asserts content is { ok: true; data: unknown } {
    const firstError = lint.findings.find((finding) => finding.severity === 'error');
    if (content.ok && firstError === undefined && broken.length > 0) {
      throw new DesignerApiError(409, `${what} cannot be published: it ${describeBroken(broken)}; fix that flow, or keep what it relies on`, broken.flatMap(({ result }) => result.findings));
    }
    if (content.ok && firstError === undefined) return;
    const where = firstError?.nodeId === undefined ? '' : ` at node "${firstError.nodeId}"`;
    throw new DesignerApiError(
      409,
      `${what} cannot be published: ${countOf(lint.errorCount, 'lint error')}, the first: ${firstError?.ruleId ?? 'file'}${where}: ${firstError?.message ?? ''}${describeLinkFix(lint.findings)}`,
      lint.findings,
    );
  }

  /** Writes the flow where it is served and reloads it, recording the publish as the publisher's. */
  async function publishContent(id: string, data: unknown, publisher: Publisher, refusedText: string): Promise<void> {
    // reloaded here rather than left to the watcher, so the very next call gets the new version
    await deps.flows.change(async (reload) => {
      await files.write(id, 'published', data);
      await reload(id, publisher);
    });
    if (deps.flows.getCurrent(id) === undefined) throw new DesignerApiError(409, `flow "${id}" was written but the runtime refused it; ${refusedText} (see the runtime's log)`);
  }

  async function getVersionEntries(id: string): Promise<FlowVersionEntry[]> {
    return toVersionEntries(await deps.store.listPublishes(id));
  }

  /** A version of the history and the flow it put live; 404 when the history has no such number. */
  async function getVersionContent(id: string, version: number): Promise<FlowVersionContent> {
    const entry = (await getVersionEntries(id)).find((each) => each.version === version);
    if (entry === undefined) throw new DesignerApiError(404, `flow "${id}" has no version ${version}`);
    const stored = await deps.store.getFlowVersion(id, entry.versionId);
    if (stored === undefined) throw new DesignerApiError(404, `flow "${id}": the content of version ${version} is no longer kept`);
    return { ...entry, flow: JSON.parse(stored.flowJson) as unknown };
  }

  router.post('/flows/:id/publish', async (req, res) => {
    const id = getFlowId(req);
    const note = parseWith(PublishBodySchema, req.body, 'body')?.note;
    const publisher: Publisher = { by: getRequestHolder(res), ...(note === undefined ? {} : { note }) };
    await exclusive(async () => {
      const stored = await getExisting(id);
      refuseErrors(stored.content, stored.lint, stored.broken, `flow "${id}"`);
      await publishContent(id, stored.content.data, publisher, 'the draft is kept');
      await files.remove(id, 'draft');
    });
    res.json({ published: true } satisfies PublishedFlow);
  });

  router.get('/flows/:id/versions/:version', async (req, res) => {
    const id = getFlowId(req);
    const version = parseWith(VersionNumberSchema, req.params.version, 'version');
    res.json((await getVersionContent(id, version)) satisfies FlowVersionContent);
  });

  // An old version published again: the same lint gate as a publish (today's rules, today's config), a new number in the history.
  router.post('/flows/:id/rollback', async (req, res) => {
    const id = getFlowId(req);
    const { version } = parseWith(RollbackBodySchema, req.body, 'body');
    const by = getRequestHolder(res);
    const published = await exclusive(async () => {
      const target = await getVersionContent(id, version);
      if (deps.flows.getCurrent(id)?.versionId === target.versionId) throw new DesignerApiError(409, `version ${version} of flow "${id}" is what is published already`);
      const content: FlowFileContent = { ok: true, data: target.flow };
      const opened = openContent(id, content);
      refuseErrors(content, opened.lint, opened.broken, `version ${version} of flow "${id}"`);
      // the draft, if any, is left alone: work in progress is discarded only when asked
      await publishContent(id, content.data, { by, note: `rollback to v${version}` }, 'what was published keeps serving');
      return (await getVersionEntries(id))[0]?.version ?? version;
    });
    res.json({ published: true, version: published } satisfies RolledBackFlow);
  });

  router.post('/flows/:id/discard-draft', async (req, res) => {
    const id = getFlowId(req);
    parseWith(EmptyBodySchema, req.body, 'body');
    await exclusive(async () => {
      if (!(await files.exists(id, 'draft'))) throw new DesignerApiError(409, `flow "${id}" has no draft to discard`);
      // without a published version the draft is the whole flow: deleting it is the delete action's job
      if (!(await files.exists(id, 'published'))) throw new DesignerApiError(409, `flow "${id}" was never published: discarding its draft would delete it (use delete for that)`);
      await files.remove(id, 'draft');
    });
    res.json({ discarded: true } satisfies DiscardedDraft);
  });

  router.get('/flows/:id/versions', async (req, res) => {
    const id = getFlowId(req);
    res.json({ versions: await getVersionEntries(id) } satisfies FlowVersions);
  });

  router.post('/flows/:id/rename', async (req, res) => {
    const id = getFlowId(req);
    const { to } = parseWith(TargetIdBodySchema, req.body, 'body');
    await exclusive(async () => {
      await getExisting(id);
      await refuseTaken(to);
      if (await files.exists(id, 'draft')) await files.move(id, to, 'draft');
      if (await files.exists(id, 'published')) {
        await deps.flows.change(async (reload) => {
          await files.move(id, to, 'published');
          await reload(to, { by: getRequestHolder(res) });
          await reload(id);
        });
      }
    });
    res.json({ id: to } satisfies NewFlowId);
  });

  router.post('/flows/:id/duplicate', async (req, res) => {
    const id = getFlowId(req);
    const { to } = parseWith(TargetIdBodySchema, req.body, 'body');
    await exclusive(async () => {
      const stored = await getExisting(id);
      if (!stored.content.ok) throw new DesignerApiError(409, `flow "${id}" cannot be duplicated: ${stored.content.message}`);
      await refuseTaken(to);
      // a copy starts as a draft: only publishing puts a flow on a phone line
      await files.write(to, 'draft', stored.content.data);
    });
    res.status(201).json({ id: to } satisfies NewFlowId);
  });

  router.delete('/flows/:id', async (req, res) => {
    const id = getFlowId(req);
    await exclusive(async () => {
      await getExisting(id);
      await files.remove(id, 'draft');
      if (await files.exists(id, 'published')) {
        await deps.flows.change(async (reload) => {
          await files.remove(id, 'published');
          await reload(id);
        });
      }
    });
    res.json({ deleted: true } satisfies DeletedFlow);
  });

  router.use(createCallRoutes({ store: deps.store, showCallerNumbers: deps.showCallerNumbers ?? false, now: deps.now ?? (() => new Date()) }));

  if (deps.tests) router.use(createTestRoutes(deps.tests));

  router.use('/voice', createVoiceRoutes({ credentials: deps.browserCall, flows: deps.flows }));

  router.post('/import', async (req, res) => {
    const body = parseWith(ImportBodySchema, req.body, 'body');
    const imported = await exclusive(async () => {
      if (body.id !== undefined) await refuseTaken(body.id);
      else if (!(await files.exists(body.replace!, 'draft')) && !(await files.exists(body.replace!, 'published'))) throw new DesignerApiError(404, `no flow "${body.replace}" to replace`);
      const converted = importFlow(body.data, body.from);
      if (!converted.ok) throw new DesignerApiError(400, converted.message);
      const id = body.id ?? body.replace!;
      // a second import of one export beside the first: two flows of one name would be told apart by their ids only
      // an export with no name of its own goes by the id it is stored under
      const own = converted.flow.name ?? id;
      const name = body.id === undefined ? own : getFreeFlowName(own, await getOtherFlowNames(id));
      await files.write(id, 'draft', { ...converted.flow, name });
      return { id, name, findings: converted.findings };
    });
    res.status(201).json(imported satisfies ImportedFlow);
  });

  router.use((req, res) => void res.status(404).json({ error: `no designer API route ${req.method} ${req.baseUrl}${req.path}` } satisfies ApiErrorBody));

  const answerError: ErrorRequestHandler = (error: unknown, _req, res: Response, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof DesignerApiError) {
      res.status(error.status).json({ error: error.message, ...(error.findings ? { findings: error.findings } : {}) } satisfies ApiErrorBody);
      return;
    }
    if (error instanceof StoreError) {
      // Redis gone (replicas keep flows there): nothing was changed half-way, so trying again later is safe
      res.status(503).json({ error: `the flows cannot be reached right now (${error.message}); nothing was changed, try again in a moment` } satisfies ApiErrorBody);
      return;
    }
    // body-parser's refusals: malformed JSON (400), too large (413), unsupported charset (415)
    const status = (error as { status?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = type === 'entity.parse.failed' ? 'the body is not valid JSON' : type === 'entity.too.large' ? `the body is larger than ${BODY_LIMIT}` : (error as Error).message;
      res.status(status).json({ error: message } satisfies ApiErrorBody);
      return;
    }
    ((res.locals.log as Logger | undefined) ?? deps.logger).error({ err: error }, 'designer API request failed');
    res.status(500).json({ error: 'internal error' } satisfies ApiErrorBody);
  };
  router.use(answerError);
  return router;
}
