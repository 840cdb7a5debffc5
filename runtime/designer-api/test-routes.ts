import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type Router } from 'express';
import { z } from 'zod';
import { parse } from 'yaml';
import type { FlowTests, SavedScenarioFile } from '../../core/designer-api/types.ts';
import { getFlowFileCandidates, parseScenarioFile, SCENARIO_FILE_PATTERN, ScenarioSchema, type Scenario } from '../../core/testing/scenario.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { toScenarioFileText } from '../scenario-yaml.ts';
import { DesignerApiError, parseWith } from './api-error.ts';
import { FlowIdSchema } from './schemas.ts';

// The flow's tests folder (HUMANLINE_TESTS): "Save as test" writes a scenario
// file there, and the simulator lists the flow's scenarios from it. The server
// makes every file name itself, so no request can name a path.

export interface TestRoutesDeps {
  /** HUMANLINE_TESTS, absolute */
  testsDir: string;
  /** HUMANLINE_FLOWS, absolute: a saved scenario's `flow` points at the published file there */
  flowsDir: string;
}

/** A scenario file is a few hundred steps; one larger than this is not read for the list. */
const MAX_FILE_BYTES = 1_000_000;
/** Files read for one list, so a folder of thousands cannot hold the server up. */
const MAX_FILES = 500;
const MAX_SLUG = 60;

const SaveScenarioBodySchema = z.strictObject({
  scenario: ScenarioSchema.omit({ flow: true, $schema: true }),
  /** the user confirmed replacing a file of the same name */
  overwrite: z.boolean().optional(),
});

/** `Press 1 → balance!` → `press-1-balance`: letters and digits only, so the name cannot leave the folder. */
export function toNameSlug(name: string): string {
  const words = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  return words.join('-').slice(0, MAX_SLUG).replace(/-+$/, '');
}

/** Where a scenario's `flow` may lead, as the CLI resolves it. */
const getFlowFiles = (reference: string, testsDir: string): string[] => getFlowFileCandidates(reference).map((segments) => path.resolve(testsDir, ...segments));

async function readScenarios(file: string): Promise<Scenario[] | undefined> {
  try {
    if ((await stat(file)).size > MAX_FILE_BYTES) return undefined;
    const parsed = parseScenarioFile(parse(await readFile(file, 'utf8')));
    return parsed.ok ? parsed.scenarios : undefined;
  } catch {
    // an unreadable or malformed file is `humanline test`'s to report; the list shows the files that work
    return undefined;
  }
}

const toPosix = (relative: string) => relative.split(path.sep).join('/');

export function createTestRoutes(deps: TestRoutesDeps): Router {
  const router = express.Router();
  const flowFileOf = (id: string) => path.join(deps.flowsDir, `${id}.json`);

  router.get('/flows/:id/tests', async (req, res) => {
    const id = parseWith(FlowIdSchema, req.params.id, 'flow id');
    let names: string[];
    try {
      names = (await readdir(deps.testsDir)).filter((name) => SCENARIO_FILE_PATTERN.test(name)).sort().slice(0, MAX_FILES);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
      names = [];
    }
    const files: FlowTests['files'] = [];
    for (const name of names) {
      const scenarios = (await readScenarios(path.join(deps.testsDir, name)))?.filter((scenario) => getFlowFiles(scenario.flow, deps.testsDir).includes(flowFileOf(id)));
      if (scenarios !== undefined && scenarios.length > 0) files.push({ file: name, scenarios });
    }
    res.json({ files } satisfies FlowTests);
  });

  router.post('/flows/:id/tests', async (req, res) => {
    const id = parseWith(FlowIdSchema, req.params.id, 'flow id');
    const body = parseWith(SaveScenarioBodySchema, req.body, 'body');
    const slug = toNameSlug(body.scenario.name);
    if (slug === '') throw new DesignerApiError(400, 'the test needs a name with letters or digits');
    const file = `${id}-${slug}.test.yaml`;
    const scenario: Scenario = { flow: toPosix(path.relative(deps.testsDir, flowFileOf(id))), ...body.scenario };
    const schemaPath = toPosix(path.relative(deps.testsDir, path.join(PACKAGE_ROOT, 'core', 'testing', 'scenario.schema.json')));
    await mkdir(deps.testsDir, { recursive: true });
    try {
      // `wx` refuses an existing file in the same system call that creates it: no check-then-write race
      await writeFile(path.join(deps.testsDir, file), toScenarioFileText(scenario, { schemaPath, comments: ['Recorded in the designer\'s simulator: run with `humanline test`.'] }), { encoding: 'utf8', flag: body.overwrite === true ? 'w' : 'wx' });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EEXIST') throw new DesignerApiError(409, `a test file ${file} exists already: replace it, or choose another name`);
      throw error;
    }
    res.status(201).json({ file } satisfies SavedScenarioFile);
  });

  return router;
}
