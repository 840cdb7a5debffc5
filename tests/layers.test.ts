import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Arrows run one way: cli -> runtime -> core. Core imports nothing of ours
// outside core and nothing Node-only; the runtime never imports the cli.

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every `.ts` file under a top-level folder, relative to the repository. */
function listSources(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

/** The module specifiers a file imports, statically or dynamically. */
function getImports(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
}

/** The top-level folder a relative import lands in, or the package it names. */
function getTarget(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)).split(path.sep)[0]!;
}

describe('layers', () => {
  it('sees static and dynamic imports', () => {
    expect(getImports('core/lint/lint-source.ts')).toContain('../import/index.ts');
    expect(getImports('cli/main.ts')).toEqual(expect.arrayContaining(['node:fs/promises', './lint-command.ts']));
  });

  it('core imports nothing outside core and nothing Node-only', () => {
    const crossings = listSources('core').flatMap((file) =>
      getImports(file)
        .filter((specifier) => specifier.startsWith('node:') || (specifier.startsWith('.') && getTarget(file, specifier) !== 'core'))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(crossings).toEqual([]);
  });

  it('the runtime imports core, never the cli or the designer', () => {
    const crossings = listSources('runtime').flatMap((file) =>
      getImports(file)
        .filter((specifier) => specifier.startsWith('.') && !['runtime', 'core'].includes(getTarget(file, specifier)))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(crossings).toEqual([]);
  });

  it('the cli imports the runtime and core, never the designer', () => {
    const crossings = listSources('cli').flatMap((file) =>
      getImports(file)
        .filter((specifier) => specifier.startsWith('.') && !['cli', 'runtime', 'core'].includes(getTarget(file, specifier)))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(crossings).toEqual([]);
  });
});
