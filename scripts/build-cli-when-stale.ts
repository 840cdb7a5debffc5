import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// bin/humanline.js runs the JavaScript build in dist/. The tests (vitest's global setup) and
// `npm run bench -- cli` rebuild it here whenever a source is newer, so nothing measures or
// tests yesterday's CLI; a no-op when the build is fresh.

const ROOT = path.resolve(import.meta.dirname, '..');
const BUILT_MAIN = path.join(ROOT, 'dist/cli/main.js');
const BUILD_INPUTS = ['core', 'runtime', 'cli', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time of a file or of the `.ts` files of a folder. */
function getNewestMtime(target: string): number {
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  const files = readdirSync(target, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return Math.max(0, ...files.map((file) => statSync(path.join(target, file)).mtimeMs));
}

export default function buildCliWhenStale(): void {
  const builtAt = existsSync(BUILT_MAIN) ? statSync(BUILT_MAIN).mtimeMs : -1;
  const changedAt = Math.max(...BUILD_INPUTS.map((input) => getNewestMtime(path.join(ROOT, input))));
  if (builtAt >= changedAt) return;
  // as `npm run build:cli` does: from scratch, so no file of a removed source stays behind
  rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}
