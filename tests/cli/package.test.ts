import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Files under a folder of the repository with the given ending, as paths from the repository. */
function listFiles(folder: string, ending: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(ending))
    .map((file) => path.posix.join(folder, file.split(path.sep).join('/')));
}

/** The package a bare import specifier names: `express`, `@scope/name` (without any subpath). */
function toPackageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('the npm package', () => {
  it('holds the built CLI, its bin, the flow and scenario schemas and the designer build, and no TypeScript', { timeout: 60_000 }, async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files = (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((file) => file.path);

    const builtSources = ['core', 'runtime', 'cli'].flatMap((folder) => listFiles(folder, '.ts')).map((file) => `dist/${file.replace(/\.ts$/, '.js')}`);
    expect(builtSources).toContain('dist/cli/main.js');
    expect(files).toEqual(expect.arrayContaining([...builtSources, 'bin/humanline.js', 'core/schema/flow.schema.json', 'core/testing/scenario.schema.json', 'package.json', 'README.md']));
    if (existsSync(path.join(ROOT, 'designer/dist/index.html'))) expect(files).toContain('designer/dist/index.html');
    const unexpected = files.filter(
      (file) => !/^(?:bin\/humanline\.js|dist\/(?:cli|core|runtime)\/.+\.js|designer\/dist\/.+|core\/schema\/flow\.schema\.json|core\/testing\/scenario\.schema\.json|package\.json|README\.md|LICENSE)$/.test(file),
    );
    expect(unexpected).toEqual([]);
  });

  it('needs no dev dependency at run time: every package the build imports is a dependency', () => {
    const imported = new Set<string>();
    for (const file of listFiles('dist', '.js')) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\.meta\.resolve\(\s*|^import\s+)["']([^"'.][^"']*)["']/gm)) {
        if (!specifier!.startsWith('node:')) imported.add(toPackageName(specifier!));
      }
    }
    expect([...imported].sort()).toEqual(expect.arrayContaining(['better-sqlite3', 'express', 'twilio', 'zod']));
    expect([...imported].filter((name) => !Object.hasOwn(packageJson.dependencies, name))).toEqual([]);
    expect(packageJson.dependencies).not.toHaveProperty('tsx');
    expect(packageJson.devDependencies).toHaveProperty('tsx');
  });
});
