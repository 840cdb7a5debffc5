// The layers run one way: cli -> runtime -> core, designer -> core. Core imports
// nothing of ours and nothing Node-only, so the designer can run it in a browser.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSourceImports, toSourceImports, type SourceImport } from './imports.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** What each layer may import of ours; a layer is a top-level folder. */
const ALLOWED_LAYERS: Record<string, readonly string[]> = {
  core: ['core'],
  runtime: ['runtime', 'core'],
  designer: ['designer', 'core'],
  cli: ['cli', 'runtime', 'core'],
};
/** The packages core may use: it runs in Node and in the browser alike. */
const CORE_PACKAGES = new Set(['zod']);
const NODE_BUILTINS = new Set(builtinModules);

const layerOf = (file: string) => file.split('/')[0]!;
const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

/** Why an import breaks the layering, or undefined when it keeps it. */
function getLayerViolation({ file, specifier, target }: SourceImport): string | undefined {
  const layer = layerOf(file);
  const allowed = ALLOWED_LAYERS[layer];
  if (allowed === undefined) return undefined;
  if (target !== undefined) {
    const targetLayer = layerOf(target);
    if (target.startsWith('..') || !allowed.includes(targetLayer)) return `${file} imports ${specifier}: ${layer}/ may import only ${allowed.join(', ')}`;
    return undefined;
  }
  if (layer !== 'core') return undefined;
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(packageOf(specifier))) return `${file} imports ${specifier}: core imports nothing Node-only`;
  if (!CORE_PACKAGES.has(packageOf(specifier))) return `${file} imports ${specifier}: core uses only ${[...CORE_PACKAGES].join(', ')}`;
  return undefined;
}

const findViolations = (imports: SourceImport[]) => imports.map(getLayerViolation).filter((violation) => violation !== undefined);

describe('the layers', () => {
  const imports = readSourceImports(root, Object.keys(ALLOWED_LAYERS));

  it('reads the imports of every layer', () => {
    for (const layer of Object.keys(ALLOWED_LAYERS)) expect(imports.some((entry) => layerOf(entry.file) === layer), layer).toBe(true);
  });

  it('run one way: cli -> runtime -> core, designer -> core; core imports nothing Node-only', () => {
    expect(findViolations(imports)).toEqual([]);
  });

  it('names each kind of wrong import', () => {
    const wrong = [
      ...toSourceImports('core/cli/main.ts', "const serve = await import('../../runtime/serve.ts');"),
      ...toSourceImports('core/cli/read.ts', "import { readFile } from 'node:fs/promises';\nimport path from 'path';"),
      ...toSourceImports('core/lint/x.ts', "import express from 'express';"),
      ...toSourceImports('designer/src/app/App.tsx', "import type { Runtime } from '../../../runtime/runtime.ts';"),
      ...toSourceImports('runtime/app.ts', "export { main } from '../cli/main.ts';"),
    ];
    expect(findViolations(wrong)).toEqual([
      'core/cli/main.ts imports ../../runtime/serve.ts: core/ may import only core',
      'core/cli/read.ts imports node:fs/promises: core imports nothing Node-only',
      'core/cli/read.ts imports path: core imports nothing Node-only',
      'core/lint/x.ts imports express: core uses only zod',
      'designer/src/app/App.tsx imports ../../../runtime/runtime.ts: designer/ may import only designer, core',
      'runtime/app.ts imports ../cli/main.ts: runtime/ may import only runtime, core',
    ]);
    expect(findViolations(toSourceImports('cli/main.ts', "import { createRuntime } from '../runtime/runtime.ts';\nimport { z } from 'zod';"))).toEqual([]);
  });
});
