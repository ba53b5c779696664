// Bundles the article editor for the back office: src/editor.js and src/editor.css → admin-editor.js and
// admin-editor.css in OUTDIR, minified. Run by the CMake build (src/site/CMakeLists.txt), which embeds OUTDIR's
// files like those of assets/ under content-hashed names.
//   node web/admin/build.mjs OUTDIR
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: node build.mjs OUTDIR');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  target: ['chrome109', 'firefox115', 'safari15.4'],
  logLevel: 'warning',
  absWorkingDir: here,
};

const cssFile = resolve(outdir, 'admin-editor.css');
await esbuild.build({ ...common, entryPoints: [join(here, 'src/editor.css')], outfile: cssFile });

// The stylesheet's address as the server will give it: "/static/<stem>.<first 8 hex of SHA-256>.css", the
// rule of src/site/embed_assets.cmake. The script links it itself, so a page only needs the <script>.
const digest = createHash('sha256').update(readFileSync(cssFile)).digest('hex').slice(0, 8);
const cssUrl = `/static/admin-editor.${digest}.css`;

await esbuild.build({
  ...common,
  entryPoints: [join(here, 'src/editor.js')],
  outfile: resolve(outdir, 'admin-editor.js'),
  format: 'iife',
  define: { __EDITOR_CSS_URL__: JSON.stringify(cssUrl), 'process.env.NODE_ENV': '"production"' },
});
