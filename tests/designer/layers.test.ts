import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { getImports, listSourceFiles, toSourceFile } from '../architecture/imports.ts';

// The designer's layers, bottom first (STYLE.md, "Layers, one way"): a file
// imports from its own layer and those below, never from one above. The
// model is pure (no React, no zustand, no network), so it runs in tests and
// in any screen alike; the stores hold it; the screens draw the stores.

const SRC = path.resolve(import.meta.dirname, '../../designer/src');
const CORE = path.resolve(import.meta.dirname, '../../core');

const LAYERS = ['model', 'api', 'stores', 'screens'] as const;
type Layer = (typeof LAYERS)[number];

/** A file's layer: its first folder under designer/src; every other folder (and main.tsx) holds screens. */
function getLayer(file: string): Layer {
  const folder = file.split('/')[0]!;
  return (LAYERS as readonly string[]).includes(folder) ? (folder as Layer) : 'screens';
}

/** Packages a layer must not import at all, and those it may import for types only. */
const FORBIDDEN_PACKAGES: Record<Layer, { never: readonly string[]; typesOnly: readonly string[] }> = {
  model: { never: ['react', 'react-dom', 'zustand', '@twilio/voice-sdk'], typesOnly: ['@xyflow/react'] },
  api: { never: ['react', 'react-dom', 'zustand', '@xyflow/react', '@twilio/voice-sdk'], typesOnly: [] },
  stores: { never: ['@xyflow/react', '@twilio/voice-sdk'], typesOnly: [] },
  screens: { never: [], typesOnly: [] },
};

/** What only a browser has: the model must not reach for it. */
const BROWSER_GLOBALS = new Set(['fetch', 'window', 'document', 'localStorage', 'navigator', 'XMLHttpRequest']);

/** Browser globals a file uses as values (a property or a key of the same name does not count). */
function getBrowserGlobals(source: ts.SourceFile): string[] {
  const used = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && BROWSER_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node) || ts.isPropertySignature(parent);
      if (!isName) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...used];
}

const getPackage = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * Every import that breaks the layering, as `from -> to (why)`. `files` maps
 * paths under designer/src to their text; `src` is where they sit on disk.
 */
function getLayerBreaks(files: Readonly<Record<string, string>>, src = SRC): string[] {
  const breaks: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const layer = getLayer(file);
    for (const { specifier, typeOnly } of getImports(file, text)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(src, path.dirname(file), specifier);
        const inside = path.relative(src, target);
        if (inside.startsWith('..')) {
          // designer -> core only: never the runtime, the CLI or anything else of ours
          if (path.relative(CORE, target).startsWith('..')) breaks.push(`${file} -> ${specifier} (outside designer/src and core/)`);
          continue;
        }
        const targetLayer = getLayer(inside.split(path.sep).join('/'));
        if (LAYERS.indexOf(targetLayer) > LAYERS.indexOf(layer)) breaks.push(`${file} -> ${specifier} (${layer} imports ${targetLayer})`);
        continue;
      }
      const pkg = getPackage(specifier);
      const rules = FORBIDDEN_PACKAGES[layer];
      if (rules.never.includes(pkg) || (rules.typesOnly.includes(pkg) && !typeOnly)) breaks.push(`${file} -> ${specifier} (${layer} imports ${pkg}${rules.typesOnly.includes(pkg) ? ' values' : ''})`);
    }
    if (layer === 'model') for (const global of getBrowserGlobals(toSourceFile(file, text))) breaks.push(`${file} -> ${global} (model uses the browser's ${global})`);
  }
  return breaks;
}

/** Arrows between the designer's folders (main.tsx counts as the folder `.`). */
function getFolderArrows(files: Readonly<Record<string, string>>, src = SRC): Map<string, Set<string>> {
  const arrows = new Map<string, Set<string>>();
  for (const [file, text] of Object.entries(files)) {
    const folder = file.includes('/') ? file.split('/')[0]! : '.';
    for (const { specifier } of getImports(file, text)) {
      if (!specifier.startsWith('.')) continue;
      const inside = path.relative(src, path.resolve(src, path.dirname(file), specifier)).split(path.sep).join('/');
      if (inside.startsWith('..')) continue;
      const target = inside.includes('/') ? inside.split('/')[0]! : '.';
      if (target !== folder) arrows.set(folder, (arrows.get(folder) ?? new Set()).add(target));
    }
  }
  return arrows;
}

/** A cycle of folders importing each other, as `a -> b -> a`; null when there is none. */
function findFolderCycle(arrows: ReadonlyMap<string, ReadonlySet<string>>): string | null {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (folder: string): string | null => {
    if (state.get(folder) === 'open') return [...trail.slice(trail.indexOf(folder)), folder].join(' -> ');
    if (state.get(folder) === 'done') return null;
    state.set(folder, 'open');
    trail.push(folder);
    for (const next of arrows.get(folder) ?? []) {
      const cycle = visit(next);
      if (cycle !== null) return cycle;
    }
    trail.pop();
    state.set(folder, 'done');
    return null;
  };
  for (const folder of arrows.keys()) {
    const cycle = visit(folder);
    if (cycle !== null) return cycle;
  }
  return null;
}

function readDesignerSources(): Record<string, string> {
  const root = path.resolve(SRC, '../..');
  const files: Record<string, string> = {};
  for (const file of listSourceFiles(root, 'designer/src')) files[file.slice('designer/src/'.length)] = readFileSync(path.join(root, file), 'utf8');
  return files;
}

describe('the designer layers', () => {
  const sources = readDesignerSources();

  it('finds the layers it checks', () => {
    const layers = new Set(Object.keys(sources).map(getLayer));
    expect([...layers].sort()).toEqual([...LAYERS].sort());
    expect(Object.keys(sources)).toContain('model/canvas-edits.ts');
  });

  it('point down only: model, then api, then stores, then screens', () => {
    expect(getLayerBreaks(sources)).toEqual([]);
  });

  it('has no two folders importing each other, even through others, so each feature folder reads on its own', () => {
    expect(findFolderCycle(getFolderArrows(sources))).toBeNull();
    const cyclic = getFolderArrows({ 'header/Header.tsx': "import { Call } from '../call/Call.tsx';", 'call/Call.tsx': "import { x } from '../canvas/x.ts';", 'canvas/x.ts': "import { Header } from '../header/Header.tsx';" });
    expect(findFolderCycle(cyclic)).toBe('header -> call -> canvas -> header');
  });

  it('reports an upward arrow, a React import in the model and a browser global there', () => {
    const breaks = getLayerBreaks({
      'model/edit.ts': "import { useStore } from 'zustand';\nimport type { Node } from '@xyflow/react';\nimport { x } from '../stores/store.ts';\nexport const load = () => fetch('/api');",
      'model/ok.ts': "import type { Edge } from '@xyflow/react';\nimport { type Node } from '@xyflow/react';\nconst y = { window: 1 }; y.window;",
      'stores/store.ts': "import { Canvas } from '../canvas/Canvas.tsx';\nimport { useReactFlow } from '@xyflow/react';\nexport const x = 1;",
      'api/client.ts': "import { x } from '../stores/store.ts';",
      'canvas/Canvas.tsx': "import { x } from '../stores/store.ts';\nimport { load } from '../model/edit.ts';\nimport { serve } from '../../../runtime/server.ts';\nimport { z } from '../../../core/schema/flow.ts';\nexport const Canvas = () => null;",
    });
    expect(breaks).toEqual([
      "model/edit.ts -> zustand (model imports zustand)",
      "model/edit.ts -> ../stores/store.ts (model imports stores)",
      "model/edit.ts -> fetch (model uses the browser's fetch)",
      "stores/store.ts -> ../canvas/Canvas.tsx (stores imports screens)",
      "stores/store.ts -> @xyflow/react (stores imports @xyflow/react)",
      "api/client.ts -> ../stores/store.ts (api imports stores)",
      "canvas/Canvas.tsx -> ../../../runtime/server.ts (outside designer/src and core/)",
    ]);
  });
});
