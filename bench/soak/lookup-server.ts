import http from 'node:http';
import type { AddressInfo } from 'node:net';

// The flows' look-up APIs, on loopback: usually a quick answer, sometimes slower
// than any flow's timeout, a 500, or an answer of several megabytes.

export type LookupMode = 'ok' | 'slow' | 'failing' | 'huge';

/** How often each mode answers, in order; the rest is `ok`. */
const MODE_SHARES: [LookupMode, number][] = [
  ['slow', 0.1],
  ['failing', 0.1],
  ['huge', 0.05],
];

/** Longer than every example flow's look-up timeout (3 or 4 s). */
const SLOW_MS = 6000;
const HUGE_BYTES = 4 * 1024 * 1024;

/** A plausible answer for each example flow's look-up, by path. */
const ANSWERS: Record<string, unknown> = {
  '/ivr/v1/balance': { lastFour: '4321', availableBalance: '1,234.56' },
  '/ivr/v1/parcel-status': { statusText: 'onderweg', expectedDelivery: 'morgen' },
  '/v1/lookup': { active: true, customersAffected: 1200, crewStatus: 'on site', estimatedRestoration: '6 PM' },
  '/v1/reports': { serviceAddress: '12 Elm Street' },
};

export interface LookupServer {
  baseUrl: string;
  /** answers by mode so far */
  counts: Record<LookupMode, number>;
  close(): Promise<void>;
}

function pickMode(random: () => number): LookupMode {
  let draw = random();
  for (const [mode, share] of MODE_SHARES) {
    if (draw < share) return mode;
    draw -= share;
  }
  return 'ok';
}

export async function startLookupServer(random: () => number = Math.random): Promise<LookupServer> {
  const counts: Record<LookupMode, number> = { ok: 0, slow: 0, failing: 0, huge: 0 };
  const answer = (path: string) => JSON.stringify(ANSWERS[path] ?? {});
  // one huge body, made once: the point is the replica's memory, not the soak's
  const huge = JSON.stringify({ ...(ANSWERS['/v1/lookup'] as object), history: 'x'.repeat(HUGE_BYTES) });
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    req.resume();
    const mode = pickMode(random);
    counts[mode]++;
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    res.setHeader('Content-Type', 'application/json');
    if (mode === 'failing') {
      res.statusCode = 500;
      res.end('{"error":"upstream unavailable"}');
    } else if (mode === 'huge') {
      res.end(huge);
    } else if (mode === 'slow') {
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.end(answer(path));
      }, SLOW_MS);
      timers.add(timer);
    } else {
      res.end(answer(path));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    counts,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
