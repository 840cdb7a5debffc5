import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../runtime/package-root.ts';
import { DESIGNER_DIST } from '../../runtime/runtime.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('paths of the package', () => {
  it('finds the repository from the sources', () => {
    expect(PACKAGE_ROOT).toBe(ROOT);
    expect(DESIGNER_DIST).toBe(path.join(ROOT, 'designer', 'dist'));
  });

  it('finds the same folders from the build in dist/, one level deeper', async () => {
    const built = (await import(pathToFileURL(path.join(ROOT, 'dist/runtime/runtime.js')).href)) as { DESIGNER_DIST: string };
    expect(built.DESIGNER_DIST).toBe(path.join(ROOT, 'designer', 'dist'));
  });
});
