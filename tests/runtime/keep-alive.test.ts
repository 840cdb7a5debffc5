import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { createFlowsDir, removeTempDirs, useTestRuntimes } from './helpers.ts';

// Twilio and the balancers in front of replicas keep connections open between webhooks. Node closes an
// idle one after 5 s by default, so a request sent just as it closes meets a reset: a caller's webhook
// failed that way while its replica was up. The runtime keeps idle connections longer than a balancer
// does (60 s on most), so the balancer is the one that closes them.

const runtimes = useTestRuntimes();
afterAll(removeTempDirs);

/** GETs `url` over `agent`, saying whether the request went over a connection opened earlier. */
function getOverAgent(url: string, agent: http.Agent): Promise<{ status: number; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, reusedSocket: request.reusedSocket }));
    });
    request.on('error', reject);
  });
}

describe('idle connections', () => {
  it('stay open for a balancer that sends the next webhook after a few quiet seconds', { timeout: 20_000 }, async () => {
    const runtime = await runtimes.start({ flowsDir: createFlowsDir() });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await getOverAgent(`${runtime.server.url}/healthz`, agent);
      expect(first).toEqual({ status: 200, reusedSocket: false });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const second = await getOverAgent(`${runtime.server.url}/healthz`, agent);
      expect(second).toEqual({ status: 200, reusedSocket: true });
    } finally {
      agent.destroy();
    }
  });
});
