// Vite builds the app into web/dist, which the api serves at `/`. In dev (`npm run dev --workspace web`)
// Vite serves the app itself and forwards GraphQL (HTTP, SSE and graphql-ws) and the Yjs collab
// websockets to a running api, so the browser talks to one origin either way.
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv } from "vite";

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "");
  // STAFFROOM_API_URL points the dev server at another api, e.g. one started with PORT=4100.
  const api = env.STAFFROOM_API_URL ?? "http://127.0.0.1:4000";
  return {
    plugins: [react()],
    // The live editor's chunk (Tiptap + Yjs, ~530 kB) loads only when a document opens.
    build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
    server: {
      host: "127.0.0.1",
      port: Number(env.WEB_DEV_PORT ?? 5173),
      proxy: {
        "/graphql": { target: api, ws: true, changeOrigin: true },
        "/collab": { target: api, ws: true, changeOrigin: true },
      },
    },
  };
});
