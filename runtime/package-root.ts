import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` holding a package.json. */
function findPackageRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`no package.json at or above ${start}`);
  }
}

/**
 * humanline's own folder (its package.json, the designer's build): the repository or the
 * installed package. Found by walking up, because this file runs both from the sources
 * (runtime/) and from the build (dist/runtime/), at different depths.
 */
export const PACKAGE_ROOT = findPackageRoot(import.meta.dirname);
