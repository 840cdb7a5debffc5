#!/usr/bin/env node
// Runs the CLI as built to JavaScript in dist/ by `npm run build:cli` (which `npm install` runs through `prepare`).
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/main.js', import.meta.url);

async function run() {
  if (!existsSync(built)) {
    process.stderr.write('humanline: the command line is not built yet: run "npm run build:cli"\n');
    return 2;
  }
  try {
    const { main } = await import(built.href);
    // main never throws: it prints and returns the exit code
    return await main(process.argv.slice(2), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      cwd: process.cwd(),
      isTTY: process.stdout.isTTY,
      stderrIsTTY: process.stderr.isTTY,
      env: process.env,
    });
  } catch (error) {
    process.stderr.write(`humanline: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

// a reader that stops early (`humanline lint . | head`) is no failure: the rest of the report has nowhere to go
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

process.exitCode = await run();
