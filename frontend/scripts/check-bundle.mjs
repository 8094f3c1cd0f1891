// Fails when the largest JavaScript chunk loaded on first visit exceeds the gzip budget.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url).pathname;
const limitKb = Number(process.env.BUNDLE_LIMIT_KB ?? 400);

let html;
try {
  html = readFileSync(join(dist, "index.html"), "utf8");
} catch {
  console.error("dist/index.html is missing: run `npm run build` first.");
  process.exit(2);
}

// The initial load is the entry script plus the chunks it preloads.
const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
const sizes = readdirSync(join(dist, "assets"))
  .filter((name) => name.endsWith(".js"))
  .map((name) => {
    const path = `assets/${name}`;
    const gzip = gzipSync(readFileSync(join(dist, path)), { level: 9 }).length;
    return { path, kb: gzip / 1024, initial: initial.has(path) };
  })
  .sort((a, b) => b.kb - a.kb);

for (const chunk of sizes.slice(0, 12)) {
  console.log(`${chunk.initial ? "initial" : "lazy   "}  ${chunk.kb.toFixed(1).padStart(7)} kB gzip  ${chunk.path}`);
}
const initialChunks = sizes.filter((c) => c.initial);
if (initialChunks.length === 0) {
  console.error("No initial chunk found in dist/index.html.");
  process.exit(2);
}
const largest = initialChunks[0];
const total = initialChunks.reduce((sum, c) => sum + c.kb, 0);
console.log(`largest initial chunk: ${largest.kb.toFixed(1)} kB gzip (limit ${limitKb} kB); all initial chunks: ${total.toFixed(1)} kB`);
if (largest.kb > limitKb) {
  console.error(`Bundle budget exceeded: ${largest.path} is ${largest.kb.toFixed(1)} kB gzip > ${limitKb} kB.`);
  process.exit(1);
}
