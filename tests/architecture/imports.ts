// Reads the import statements of the project's own source with the TypeScript
// parser, as dependency-cruiser would: enough to check which folder imports
// which, without running anything.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import, export-from or import() of a source text. */
export interface Import {
  /** what the import names, as written */
  specifier: string;
  /** `import type`, or only type names: gone from the JavaScript */
  typeOnly: boolean;
}

/** One import of one source file, resolved. */
export interface SourceImport extends Import {
  /** the importing file, relative to the project root, with `/` */
  file: string;
  /** the imported file relative to the project root for a relative specifier; undefined for a package */
  target: string | undefined;
}

const SOURCE_FILE = /\.(ts|tsx|js|mjs)$/;

/** The source file as TypeScript parses it (JSX on for .tsx). */
export function toSourceFile(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** The imports of a source text, in order: static imports, re-exports and import() calls with a literal. */
export function getImports(file: string, text: string): Import[] {
  const imports: Import[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && named !== undefined && named.length > 0 && named.every((element) => element.isTypeOnly)));
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      imports.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(toSourceFile(file, text));
  return imports;
}

/** Every source file under `folder` (relative to `root`, with `/`), skipping build output and dependencies. */
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

/** The imports of one file (a path from the project root), each resolved against the root when relative. */
export function toSourceImports(file: string, text: string): SourceImport[] {
  return getImports(file, text).map((entry) => ({
    ...entry,
    file,
    target: entry.specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), entry.specifier)) : undefined,
  }));
}

/** The imports of every source file under the given folders. */
export function readSourceImports(root: string, folders: readonly string[]): SourceImport[] {
  return folders.flatMap((folder) => listSourceFiles(root, folder).flatMap((file) => toSourceImports(file, readFileSync(path.join(root, file), 'utf8'))));
}
