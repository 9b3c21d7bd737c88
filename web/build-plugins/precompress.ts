// Brotli and gzip copies of every text file the build writes (`app.js` → `app.js.br`, `app.js.gz`),
// made once here so the api sends them as they are (api/src/static-web.ts picks one by the
// browser's Accept-Encoding) and never spends CPU compressing per request. Maximum compression:
// it costs a few seconds of build time, and a school's slow network saves on every visit.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
/** Below this, the encoding's own header eats most of the gain. */
const MIN_BYTES = 256;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : Promise.resolve([path.join(dir, entry.name)]))),
  );
  return nested.flat();
}

export async function precompressDirectory(dir: string): Promise<{ files: number; bytes: number; brotliBytes: number }> {
  const totals = { files: 0, bytes: 0, brotliBytes: 0 };
  const files = (await filesUnder(dir)).filter((file) => COMPRESSIBLE.test(file));
  await Promise.all(
    files.map(async (file) => {
      const content = await readFile(file);
      if (content.length < MIN_BYTES) return;
      const [br, gz] = await Promise.all([
        brotli(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        }),
        gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      // A copy that is not smaller is not worth sending: the server then sends the file itself.
      if (br.length < content.length) await writeFile(`${file}.br`, br);
      if (gz.length < content.length) await writeFile(`${file}.gz`, gz);
      totals.files++;
      totals.bytes += content.length;
      totals.brotliBytes += Math.min(br.length, content.length);
    }),
  );
  return totals;
}

export function precompress(): Plugin {
  let outDir = "";
  let log: (message: string) => void = () => {};
  return {
    name: "staffroom:precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      log = (message) => config.logger.info(message);
    },
    // After every file is on disk, the route shells included.
    async closeBundle() {
      const { files, bytes, brotliBytes } = await precompressDirectory(outDir);
      log(`precompressed ${files} files: ${Math.round(bytes / 1024)} kB → ${Math.round(brotliBytes / 1024)} kB with brotli`);
    },
  };
}
