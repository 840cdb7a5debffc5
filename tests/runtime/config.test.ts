import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../cli/main.ts';
import { ConfigError, parseRuntimeConfig } from '../../runtime/config.ts';

describe('runtime configuration', () => {
  test('defaults: port 3000 on 127.0.0.1, ./flows and ./data, local mode without a token', () => {
    expect(parseRuntimeConfig({}, '/srv/ivr')).toEqual({
      port: 3000,
      host: '127.0.0.1',
      flowsDir: path.resolve('/srv/ivr/flows'),
      testsDir: path.resolve('/srv/ivr/tests/scenarios'),
      dataDir: path.resolve('/srv/ivr/data'),
      twilioAuthToken: undefined,
      publicBaseUrl: undefined,
      fallbackNumber: undefined,
      logLevel: 'info',
      localMode: true,
      namedAdminTokens: [],
      retentionDays: 90,
      showCallerNumbers: false,
      testCalls: false,
    });
  });

  test('HUMANLINE_TESTS: the tests folder, relative to the working directory like HUMANLINE_FLOWS', () => {
    expect(parseRuntimeConfig({ HUMANLINE_TESTS: 'qa/calls' }, '/srv/ivr').testsDir).toBe(path.resolve('/srv/ivr/qa/calls'));
  });

  test('named admin tokens: name:token pairs, each name and token once, and no token in a message', () => {
    const tok1 = 'alice-secret-0123456789';
    const tok2 = 'bob-secret-0123456789ab';
    expect(parseRuntimeConfig({ HUMANLINE_ADMIN_TOKENS: `alice:${tok1}, bob:${tok2}` }, '/').namedAdminTokens).toEqual([
      { name: 'alice', token: tok1 },
      { name: 'bob', token: tok2 },
    ]);
    const problems = (value: string) => {
      try {
        parseRuntimeConfig({ HUMANLINE_ADMIN_TOKENS: value }, '/');
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems(tok1)).toEqual([expect.stringMatching(/^HUMANLINE_ADMIN_TOKENS entry 1 must name the holder/)]);
    expect(problems(`alice:${tok1},bob:short`)).toEqual([expect.stringMatching(/^HUMANLINE_ADMIN_TOKENS entry 2 has a token shorter than 16 characters for "bob"/)]);
    expect(problems(`alice:${tok1},alice:${tok2}`)).toEqual([expect.stringMatching(/entry 2 names "alice" twice/)]);
    expect(problems(`alice:${tok1},bob:${tok1}`)).toEqual([expect.stringMatching(/entry 2 gives "bob" a token another name has/)]);
    for (const value of [tok1, `alice:${tok1},bob:short`, `alice:${tok1},alice:${tok2}`, `alice:${tok1},bob:${tok1}`]) {
      for (const problem of problems(value)) expect(problem).not.toMatch(/secret|short"/);
    }
  });

  test('retention in whole days from 1 to 3650, and caller numbers shown only when set to true', () => {
    expect(parseRuntimeConfig({ HUMANLINE_RETENTION_DAYS: '30', HUMANLINE_SHOW_CALLER_NUMBERS: 'true' }, '/')).toMatchObject({ retentionDays: 30, showCallerNumbers: true });
    expect(parseRuntimeConfig({ HUMANLINE_SHOW_CALLER_NUMBERS: 'false' }, '/').showCallerNumbers).toBe(false);
    const problems = (env: Record<string, string>) => {
      try {
        parseRuntimeConfig(env, '/');
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ HUMANLINE_RETENTION_DAYS: '0' })).toEqual([expect.stringMatching(/^HUMANLINE_RETENTION_DAYS must be from 1 to 3650 days \(got "0"\)/)]);
    expect(problems({ HUMANLINE_RETENTION_DAYS: '1.5' })).toEqual([expect.stringMatching(/^HUMANLINE_RETENTION_DAYS must be a whole number of days/)]);
    expect(problems({ HUMANLINE_RETENTION_DAYS: 'forever' })).toEqual([expect.stringMatching(/^HUMANLINE_RETENTION_DAYS must be a number of days/)]);
    expect(problems({ HUMANLINE_SHOW_CALLER_NUMBERS: 'yes' })).toEqual([expect.stringMatching(/^HUMANLINE_SHOW_CALLER_NUMBERS must be true or false/)]);
  });

  test('command-line overrides win over the environment', () => {
    const config = parseRuntimeConfig({ PORT: '8080', HOST: '0.0.0.0' }, '/srv', { port: 0, host: '::1', flowsDir: 'other' });
    expect(config).toMatchObject({ port: 0, host: '::1', flowsDir: path.resolve('/srv/other') });
  });

  test('a token needs PUBLIC_BASE_URL, an https URL without a trailing slash', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseRuntimeConfig(env, '/');
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ TWILIO_AUTH_TOKEN: 'secret' })).toEqual([expect.stringMatching(/^PUBLIC_BASE_URL is required when TWILIO_AUTH_TOKEN is set/)]);
    expect(problems({ TWILIO_AUTH_TOKEN: 'secret', PUBLIC_BASE_URL: 'http://ivr.example.com' })[0]).toMatch(/^PUBLIC_BASE_URL must be an https URL/);
    expect(problems({ TWILIO_AUTH_TOKEN: 'secret', PUBLIC_BASE_URL: 'https://ivr.example.com/' })[0]).toMatch(/must not end with a slash/);
    // Plain http is for this machine only: benchmarks and the near end of a tunnel.
    expect(problems({ TWILIO_AUTH_TOKEN: 'secret', PUBLIC_BASE_URL: 'http://127.0.0.1:3000' })).toEqual([]);
    expect(problems({ PORT: 'eighty', HUMANLINE_FALLBACK_NUMBER: '555-0100', LOG_LEVEL: 'loud' })).toEqual([
      expect.stringMatching(/^PORT must be a port number/),
      expect.stringMatching(/^HUMANLINE_FALLBACK_NUMBER must be an E\.164 number/),
      expect.stringMatching(/^LOG_LEVEL must be one of/),
    ]);
    // the token's value never appears in a message
    expect(problems({ TWILIO_AUTH_TOKEN: 'secret' }).join('\n')).not.toMatch(/secret/);
  });

  test('HUMANLINE_REDIS_URL: a redis:// or rediss:// URL, refused otherwise without showing its password', () => {
    expect(parseRuntimeConfig({}, '/').redisUrl).toBeUndefined();
    expect(parseRuntimeConfig({ HUMANLINE_REDIS_URL: 'redis://127.0.0.1:6379' }, '/').redisUrl).toBe('redis://127.0.0.1:6379');
    expect(parseRuntimeConfig({ HUMANLINE_REDIS_URL: 'rediss://:s3cret@redis.internal:6380/2' }, '/').redisUrl).toBe('rediss://:s3cret@redis.internal:6380/2');
    for (const url of ['http://:s3cret@redis.internal', 'redis.internal:6379', 'redis://']) {
      let problems: string[] = [];
      try {
        parseRuntimeConfig({ HUMANLINE_REDIS_URL: url }, '/');
      } catch (error) {
        problems = (error as ConfigError).problems;
      }
      expect(problems, url).toEqual([expect.stringMatching(/^HUMANLINE_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL naming a host/)]);
      expect(problems.join('\n')).not.toContain('s3cret');
    }
  });

  test('`humanline serve` with a wrong setting exits 2 naming the variable, without a stack trace', async () => {
    let stderr = '';
    const code = await main(['serve'], {
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
      cwd: process.cwd(),
      env: { PORT: '99999' },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^humanline: bad configuration:\n {2}PORT must be from 0 to 65535 \(got "99999"\)/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  test('`humanline serve --help` documents the options', async () => {
    let stdout = '';
    const code = await main(['serve', '--help'], { stdout: (text) => void (stdout += text), stderr: () => undefined, cwd: process.cwd() });
    expect(code).toBe(0);
    expect(stdout).toMatch(/--flows DIR/);
    expect(stdout).toMatch(/--port N/);
    expect(stdout).toMatch(/--host H/);
  });
});
