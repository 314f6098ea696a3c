import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app is built to packages/web/dist (served by the flowpilot server at / with an SPA fallback).
// In development `vite` proxies /api to the server on port 3000 (start it with `npm start`).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': { target: process.env.FLOWPILOT_API ?? 'http://127.0.0.1:3000', changeOrigin: false } } },
});
