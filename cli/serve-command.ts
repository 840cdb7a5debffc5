import { existsSync } from 'node:fs';
import { countOf } from '../core/format/words.ts';
import { interpreter } from '../core/interpreter/index.ts';
import { ConfigError, parseRuntimeConfig, type ConfigOverrides, type RuntimeConfig } from '../runtime/config.ts';
import { createAdminToken } from '../runtime/designer-api/admin-token.ts';
import { StoreOpenError } from '../runtime/errors.ts';
import { createLogger, flushLogger } from '../runtime/logger.ts';
import { FlowsFolderError } from '../runtime/flows/registry.ts';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { listen } from '../runtime/server.ts';
import { parseCommandArgs, parseCount } from './args.ts';
import { FatalError, type CliIo } from './io.ts';
import { loadProjectConfig } from './project-config.ts';
import { getCommandUsage } from './usage.ts';

const LOCAL_MODE_BANNER = [
  '',
  '  ╔══════════════════════════════════════════════════════════════════════╗',
  '  ║  LOCAL MODE: TWILIO_AUTH_TOKEN is not set.                           ║',
  '  ║  Twilio webhooks (/twilio/...) are refused with 403.                 ║',
  '  ║  To take real calls set TWILIO_AUTH_TOKEN and PUBLIC_BASE_URL.       ║',
  '  ╚══════════════════════════════════════════════════════════════════════╝',
  '',
].join('\n');

function readConfig(io: CliIo, overrides: ConfigOverrides): RuntimeConfig {
  try {
    return parseRuntimeConfig(io.env ?? {}, io.cwd, overrides);
  } catch (error) {
    if (error instanceof ConfigError) throw new FatalError(`${error.message}\nSet the variables above in the environment (or unset them for the defaults) and start again.`);
    throw error;
  }
}

/** Resolves on SIGINT or SIGTERM. */
function waitForShutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** `humanline serve`: runs until SIGINT or SIGTERM, then finishes requests in flight and exits 0. */
export async function runServeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    flows: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(getCommandUsage('serve'));
    return 0;
  }
  if (positionals.length > 0) throw new FatalError(`serve takes no files (got ${positionals.join(' ')}); use --flows DIR`);
  const overrides: ConfigOverrides = {};
  if (values.port !== undefined) overrides.port = parseCount(values.port, '--port', 0, 65535);
  if (values.host !== undefined) overrides.host = values.host;
  if (values.flows !== undefined) overrides.flowsDir = values.flows;
  const config = readConfig(io, overrides);
  if (!existsSync(config.flowsDir)) throw new FatalError(`no flows folder ${config.flowsDir}: pass --flows DIR or set HUMANLINE_FLOWS`);

  const logger = createLogger(config.logLevel);
  // named tokens alone are a choice of who may log in: no extra generated token beside them
  const adminToken = config.adminToken ?? (config.namedAdminTokens.length === 0 ? createAdminToken() : undefined);
  const lintConfig = await loadProjectConfig(undefined, io.cwd);
  let runtime: Runtime;
  try {
    runtime = await createRuntime(config, { logger, interpreter, adminToken, lintConfig });
  } catch (error) {
    // a store or folder this process cannot use: one line saying which and what to do, not an internal error
    if (error instanceof StoreOpenError || error instanceof FlowsFolderError) throw new FatalError(error.message);
    throw error;
  }
  let running;
  try {
    running = await listen(runtime.app, config.port, config.host);
  } catch (error) {
    await runtime.close();
    throw new FatalError(`cannot listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const served = runtime.flows.listCurrent().map((published) => published.flowId);
  logger.info({ url: running.url, flows: served, localMode: config.localMode }, `humanline serving ${served.length} flow(s) on ${running.url}`);
  if (config.localMode) logger.warn('LOCAL MODE: TWILIO_AUTH_TOKEN is not set; every /twilio webhook is refused with 403');
  io.stderr(`humanline: serving ${countOf(served.length, 'flow')} (${served.join(', ') || 'none'}) on ${running.url}\n`);
  // the token only when serve made it (on stderr only, never in the JSON log): an operator's own token is theirs to keep off screens and CI logs
  if (config.adminToken === undefined && adminToken !== undefined) io.stderr(`humanline: designer at ${running.url}/?token=${adminToken}\n`);
  else if (config.adminToken === undefined) io.stderr(`humanline: designer at ${running.url}/ (log in with your token of HUMANLINE_ADMIN_TOKENS: ${running.url}/?token=<your token>)\n`);
  else io.stderr(`humanline: designer at ${running.url}/ (log in with your HUMANLINE_ADMIN_TOKEN: ${running.url}/?token=<HUMANLINE_ADMIN_TOKEN>)\n`);
  if (config.localMode) io.stderr(LOCAL_MODE_BANNER);
  else io.stderr(`humanline: Twilio Voice URL: ${config.publicBaseUrl}/twilio/voice/<flow>, Fallback URL: ${config.publicBaseUrl}/twilio/fallback, status callback: ${config.publicBaseUrl}/twilio/status\n`);
  if (config.browserCall !== undefined) io.stderr(`humanline: calls from the designer: set the TwiML App's Voice URL to ${config.publicBaseUrl}/twilio/client\n`);

  const signal = await waitForShutdownSignal();
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  await running.close();
  await runtime.close();
  logger.info('stopped');
  await flushLogger(logger);
  return 0;
}
