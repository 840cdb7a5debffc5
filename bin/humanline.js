#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader: no build step.
import { register } from 'tsx/esm/api';

try {
  register();
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY,
    env: process.env,
  });
} catch (error) {
  process.stderr.write(`humanline: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
