/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv } from "vite";

// The dev server forwards API calls so the browser sees one origin, as in production. The API
// refuses cookie and websocket requests from other origins, so the proxy presents its own.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "VCOFFEE_");
  const api = env.VCOFFEE_API_URL ?? "http://127.0.0.1:8000";
  const origin = new URL(env.VCOFFEE_PUBLIC_URL ?? api).origin;
  return {
    plugins: [react()],
    server: {
      host: "127.0.0.1",
      port: Number(env.VCOFFEE_WEB_PORT ?? 5173),
      proxy: {
        "/graphql": { target: api, ws: true, headers: { origin } },
        "/auth": { target: api, headers: { origin } },
      },
    },
    build: {
      sourcemap: false,
      chunkSizeWarningLimit: 1500,
    },
    test: {
      environment: "jsdom",
      globals: true,
      setupFiles: ["./src/test/setup.ts"],
      css: false,
      testTimeout: 20000,
      include: ["src/**/*.test.{ts,tsx}"],
    },
  };
});
