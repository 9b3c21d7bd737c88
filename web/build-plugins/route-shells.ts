// The app's HTML once per lazily loaded page that people open directly (a link to a document or
// a meeting from an email, a bookmark, a reload): route-shells/<first path segment>.html is
// index.html plus <link rel="modulepreload"> for that page's chunks and a preload of its CSS.
// The browser then fetches the page's code alongside the app's entry instead of after it, which
// on a 150 ms school network saves the round trips of a waterfall. api/src/static-web.ts sends
// route-shells/documents.html for /documents/…, and so on; any other path gets index.html.
import type { Plugin, Rolldown } from "vite";

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** First path segment → the page module its route loads lazily (web/src/app/routes.tsx). */
export const ROUTE_SHELLS: Record<string, string> = {
  documents: "src/features/editor/DocumentPage.tsx",
  sessions: "src/features/meeting/MeetingPage.tsx",
};

type ChunkWithCss = OutputChunk & { viteMetadata?: { importedCss: Set<string> } };

/** The chunk and every chunk it imports statically, transitively (what its first render needs). */
function staticClosure(bundle: OutputBundle, start: OutputChunk): ChunkWithCss[] {
  const seen = new Map<string, ChunkWithCss>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const imported = bundle[name];
      if (imported?.type === "chunk") visit(imported);
    }
  };
  visit(start);
  return [...seen.values()];
}

export function routeShells(): Plugin {
  let base = "/";
  return {
    name: "staffroom:route-shells",
    apply: "build",
    // After Vite's own HTML plugin has written index.html into the bundle.
    enforce: "post",
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_options, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") this.error("route-shells: index.html is not in the bundle");
      const html = String(index.source);
      for (const [segment, module] of Object.entries(ROUTE_SHELLS)) {
        const page = Object.values(bundle).find(
          (output): output is OutputChunk => output.type === "chunk" && output.isDynamicEntry && (output.facadeModuleId ?? "").endsWith(module),
        );
        if (!page) this.error(`route-shells: no lazy chunk for ${module}; update ROUTE_SHELLS after moving a page`);
        const chunks = staticClosure(bundle, page);
        const links = [
          ...chunks.map((chunk) => `<link rel="modulepreload" crossorigin href="${base}${chunk.fileName}">`),
          ...[...new Set(chunks.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]))].map(
            (css) => `<link rel="preload" as="style" crossorigin href="${base}${css}">`,
          ),
        ].filter((link) => !html.includes(`"${/href="([^"]+)"/.exec(link)![1]}"`)); // already loaded by index.html
        this.emitFile({
          type: "asset",
          fileName: `route-shells/${segment}.html`,
          source: html.replace("</head>", `  ${links.join("\n    ")}\n  </head>`),
        });
      }
    },
  };
}
