// `make css`: the one stylesheet every public page links.
//
// Joins the source stylesheets named in purgecss.config.cjs (Bootstrap, then
// ours), keeps only the rules the site's markup can use (PurgeCSS), minifies
// the result (CSSO) and writes static/css/public.css, or the file given as
// the first argument (the test that the committed file is current).
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { PurgeCSS } from "purgecss";
import { minify } from "csso";

const require = createRequire(import.meta.url);
const config = require("./purgecss.config.cjs");
const output = process.argv[2] || "static/css/public.css";

// One stylesheet: custom properties our rules read from Bootstrap's :root
// stay, and PurgeCSS sees every use of them.
const joined = config.css
  .map((path) => `/* ${path} */\n${readFileSync(path, "utf8")}`)
  .join("\n");
const [purged] = await new PurgeCSS().purge({
  ...config,
  css: [{ raw: joined }],
});
// CSSO keeps the first /*! comment: Bootstrap's licence notice.
const { css } = minify(purged.css);
writeFileSync(
  output,
  "/* Built by `make css` from the files in purgecss.config.cjs: edit those. */\n" +
    css +
    "\n",
);
