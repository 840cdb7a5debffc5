import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // These machines are shared: a test that starts servers or processes may wait on a busy core.
    testTimeout: 20_000,
  },
});
