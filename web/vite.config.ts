import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', 'GONGHUI_');
  const apiTarget = env.GONGHUI_API_URL ?? 'http://localhost:3000';
  const proxy = { '/api': { target: apiTarget, changeOrigin: false } };
  return {
    plugins: [react()],
    base: './',
    build: {
      outDir: 'dist',
      // The Chromium kernels of 360 and Qi-An-Xin browsers (86, 108), Firefox ESR; see README "Browsers".
      target: ['chrome86', 'edge86', 'firefox91', 'safari14'],
      emptyOutDir: true,
      chunkSizeWarningLimit: 1600,
    },
    server: { port: 5173, proxy },
    preview: { proxy },
  };
});
