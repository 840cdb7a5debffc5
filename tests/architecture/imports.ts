// Reads the import statements of the project's own source, as dependency-cruiser
// would: enough to check which folder imports which, without running anything.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One import of one source file. */
export interface SourceImport {
  /** the importing file, relative to the project root, with `/` */
  file: string;
  /** what the import names, as written */
  specifier: string;
  /** the imported file relative to the project root for a relative specifier; undefined for a package */
  target: string | undefined;
}

const SOURCE_FILE = /\.(ts|tsx|js|mjs)$/;
// static imports and re-exports (`import x from`, `import type`, `export * from`), side-effect imports, and import() calls
const IMPORT_SPECIFIERS = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The specifiers a source text imports, in order. */
export function getImportSpecifiers(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(IMPORT_SPECIFIERS)) specifiers.push((match[1] ?? match[2] ?? match[3])!);
  return specifiers;
}

/** Every source file under `folder` (relative to `root`), skipping build output and dependencies. */
export function listSourceFiles(root: string, folder: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return; // a layer that does not exist has no imports
    }
    for (const entry of entries) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist' && !entry.name.startsWith('.')) walk(child);
      } else if (SOURCE_FILE.test(entry.name)) {
        found.push(child);
      }
    }
  };
  walk(folder);
  return found.sort();
}

/** The imports of one file, each resolved against the project root when relative. */
export function toSourceImports(file: string, text: string): SourceImport[] {
  return getImportSpecifiers(text).map((specifier) => ({
    file,
    specifier,
    target: specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : undefined,
  }));
}

/** The imports of every source file under the given folders. */
export function readSourceImports(root: string, folders: readonly string[]): SourceImport[] {
  return folders.flatMap((folder) => listSourceFiles(root, folder).flatMap((file) => toSourceImports(file, readFileSync(path.join(root, file), 'utf8'))));
}
