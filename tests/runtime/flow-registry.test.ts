import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createFlowRegistry, type FlowRegistry } from '../../runtime/flows/registry.ts';
import { createLogger } from '../../runtime/logger.ts';
import { createSqliteStore } from '../../runtime/store/sqlite-store.ts';
import type { CallStore } from '../../runtime/store/types.ts';
import { createFlowsDir, createTempDir, readShippedFlow, removeTempDirs, writeFlow } from './helpers.ts';

interface LoggedLine {
  level: number;
  msg: string;
}

const opened: Array<{ registry: FlowRegistry; store: CallStore }> = [];

afterEach(async () => {
  for (const { registry, store } of opened.splice(0)) {
    registry.close();
    await store.close();
  }
  removeTempDirs();
});

/** A registry on a flows folder, without watching (until told to), with its log lines captured. */
function openRegistry(dir: string, debounceMs?: number): { registry: FlowRegistry; lines: LoggedLine[]; store: CallStore } {
  const lines: LoggedLine[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LoggedLine) });
  const store = createSqliteStore(createTempDir('data'));
  const registry = createFlowRegistry({ dir, store, logger, ...(debounceMs === undefined ? {} : { debounceMs }) });
  opened.push({ registry, store });
  return { registry, lines, store };
}

const PINO_ERROR = 50;

describe('flow registry: file names', () => {
  test('a flow file whose name is not a flow id is not served, and the log says what to rename it to', async () => {
    const dir = createFlowsDir({ bank: () => undefined });
    renameSync(path.join(dir, 'bank.json'), path.join(dir, 'Billing.json'));
    const { registry, lines } = openRegistry(dir);
    await registry.loadAll();

    expect(registry.getCurrent('Billing')).toBeUndefined();
    expect(registry.listCurrent().map((published) => published.flowId)).toEqual([]);
    const errors = lines.filter((line) => line.level === PINO_ERROR).map((line) => line.msg);
    expect(errors).toContainEqual(expect.stringMatching(/Billing\.json is not served: "Billing" is not a flow id \(1 to 64 lowercase letters.*\); rename it to billing\.json$/));
  });

  test('the project config in the flows folder is no flow and no misnamed file', async () => {
    const dir = createFlowsDir({ bank: () => undefined });
    writeFlow(dir, 'humanline.config', { rules: {} });
    const { registry, lines } = openRegistry(dir);
    await registry.loadAll();
    expect(registry.listCurrent().map((published) => published.flowId)).toEqual(['bank']);
    expect(lines.filter((line) => line.level >= PINO_ERROR)).toEqual([]);
  });

  test('a served file that is removed stops being served; calls in progress keep their version', async () => {
    const dir = createFlowsDir({ bank: () => undefined });
    const { registry, lines } = openRegistry(dir);
    await registry.loadAll();
    const served = registry.getCurrent('bank')!;
    rmSync(path.join(dir, 'bank.json'));
    await registry.reloadFile('bank.json');

    expect(registry.getCurrent('bank')).toBeUndefined();
    expect(await registry.getVersion('bank', served.versionId)).toEqual(served);
    expect(lines.map((line) => line.msg)).toContainEqual(expect.stringMatching(/^flow bank: file removed/));
    expect(lines.filter((line) => line.level >= PINO_ERROR)).toEqual([]);
  });
});

describe('flow registry: who published', () => {
  test('a publish is its publisher\'s even when the watcher sees the new file before the publisher reloads it', async () => {
    const dir = createFlowsDir({ bank: () => undefined });
    const { registry, store } = openRegistry(dir, 0);
    await registry.loadAll();
    await registry.watch();
    const changed = readShippedFlow('bank');
    changed.nodes.greeting.prompt = 'Hello from Alice.';
    await registry.change(async (reload) => {
      writeFlow(dir, 'bank', changed);
      // a loaded machine: the watcher's quiet time is over before the publisher reloads
      await new Promise((resolve) => setTimeout(resolve, 300));
      await reload('bank', { by: 'alice', note: 'new greeting' });
    });
    // anything the watcher does after the change has had its turn
    await new Promise((resolve) => setTimeout(resolve, 300));
    await registry.reloadFile('bank.json');

    const history = await store.listPublishes('bank');
    expect(history.map(({ by, note }) => [by, note])).toEqual([
      ['alice', 'new greeting'],
      ['flows folder', undefined],
    ]);
  });
});
