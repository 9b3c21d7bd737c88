// Placeholder build for the web app (the React app is its own issue): writes dist/index.html,
// which the api serves at `/`, so `npm start` shows a page instead of a 404.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "dist");

const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Staffroom</title>
  <style>
    :root { color-scheme: light dark; --ink: #1f2933; --muted: #52606d; --accent: #2f7d6d; --paper: #f7f5f0; }
    @media (prefers-color-scheme: dark) { :root { --ink: #e4e7eb; --muted: #9aa5b1; --accent: #6cc3b0; --paper: #1b1f24; } }
    body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--paper); color: var(--ink);
           font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    main { max-width: 34rem; padding: 2rem; }
    h1 { font-weight: 600; letter-spacing: -0.01em; margin: 0 0 0.5rem; }
    p { color: var(--muted); margin: 0.75rem 0; }
    a { color: var(--accent); }
    code { font-size: 0.9em; }
  </style>
</head>
<body>
  <main>
    <h1>Staffroom</h1>
    <p>Where teachers improve together: peer coaching groups, PLCs and instructional coaches.</p>
    <p>The web app arrives soon. The GraphQL API is here today at
      <a href="/graphql"><code>/graphql</code></a>, with GraphiQL to explore it in your browser.</p>
    <p>Try it with the <code>signIn</code> mutation and one of the demo logins <code>npm start</code> printed
      (password <code>staffroom-demo</code>), then send the token as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
  </main>
</body>
</html>
`;

await mkdir(dist, { recursive: true });
await writeFile(path.join(dist, "index.html"), html);
console.log(`web: wrote ${path.relative(process.cwd(), path.join(dist, "index.html"))} (placeholder)`);
