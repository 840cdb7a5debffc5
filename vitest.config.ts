import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These machines are shared: a test that starts servers or processes may wait on a busy core.
    testTimeout: 20_000,
    // bin/humanline.js runs the build in dist/: rebuilt first when a source changed
    globalSetup: ['scripts/build-cli-when-stale.ts'],
  },
});
