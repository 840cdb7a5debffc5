import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The designer's build lands in designer/dist, which `humanline serve` serves.
// `npm run dev` runs Vite with hot reload and passes the API to a runtime
// started with `npm start` (HUMANLINE_DEV_API overrides where it listens).
const runtime = process.env.HUMANLINE_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    // the runtime's host, so the login cookie it set is sent here too (cookies ignore the port, not the host name)
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': runtime, '/login': runtime, '/healthz': runtime },
  },
});
