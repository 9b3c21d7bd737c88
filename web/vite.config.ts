// Vite builds the app into web/dist, which the api serves at `/`. In dev (`npm run dev --workspace web`)
// Vite serves the app itself and forwards GraphQL (HTTP, SSE and graphql-ws) and the Yjs collab
// websockets to a running api, so the browser talks to one origin either way.
import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv } from "vite";
import { precompress } from "./build-plugins/precompress.ts";
import { routeShells } from "./build-plugins/route-shells.ts";

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "");
  // STAFFROOM_API_URL points the dev server at another api, e.g. one started with PORT=4100.
  const api = env.STAFFROOM_API_URL ?? "http://127.0.0.1:4000";
  return {
    plugins: [react(), routeShells(), precompress()],
    build: {
      outDir: "dist",
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: {
        output: {
          // The live editor's code (ProseMirror, Tiptap, Yjs: ~530 kB) loads only when a document
          // or a meeting opens, in a few chunks by library rather than one: they download side by
          // side, and an app release that does not upgrade a library leaves its chunk cached.
          codeSplitting: {
            groups: [
              { name: "prosemirror", priority: 20, test: /node_modules[\\/](prosemirror-|@tiptap[\\/]pm[\\/]|orderedmap|rope-sequence|w3c-keyname)/ },
              { name: "tiptap", priority: 10, test: /node_modules[\\/]@tiptap[\\/]/ },
              { name: "yjs", priority: 30, test: /node_modules[\\/](yjs|y-websocket|y-protocols|lib0)[\\/]/ },
              { name: "react", priority: 40, test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
            ],
          },
        },
      },
    },
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
