import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { TestCall, createFlowsDir, findElement, spokenTexts, useTestRuntimes } from './helpers.ts';

// A look-up answer is someone else's text: characters XML cannot carry must
// not reach TwiML, where they would send every such caller to the fallback.

const { start } = useTestRuntimes();
const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A look-up service on loopback answering `body` as JSON text, written by hand so odd escapes survive. */
async function startLookupServer(body: string): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/balance`;
}

test('a look-up answer with characters XML cannot carry is spoken without them, not sent to the fallback', async () => {
  const url = await startLookupServer('{"lastFour":"78\\u000b90\\u0000","availableBalance":"1,234.56\\ufffe\\ud800\\u001b[2J"}');
  const flowsDir = createFlowsDir({ bank: (flow) => (flow.nodes.balance_lookup.request.url = url) });
  const runtime = await start({ flowsDir });
  const call = new TestCall(runtime);
  await call.start();
  await call.press('1');
  const document = await call.press('1234567890');
  expect(spokenTexts(document)[0]).toBe('The available balance on your account ending in 7890 is 1,234.56[2J dollars.');
  expect(findElement(document, 'Dial')).toBeUndefined();
  expect(runtime.logText()).not.toMatch(/Invalid character/);
});
