// Compiles every formula of the math pages with KaTeX and fails on any error: `make math`.
//
// The pages write math in the two forms GitHub renders reliably: display formulas in
// ```math fences, inline formulas as $`…`$. A formula in another form is an error too:
// `$$…$$` display math, or plain `$…$` inline math holding a character that markdown eats
// first (a backslash before punctuation such as \{ \, \\, an underscore, an asterisk),
// which GitHub then renders wrongly.
//
// Usage: node tools/math_check/check_math.mjs [page.md ...]
// (default: every README.md under homemade/, and homemade/NOTATION.md).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import katex from "katex";

const root = new URL("../../", import.meta.url).pathname;

function pages() {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === "README.md" || name === "NOTATION.md") found.push(path);
    }
  };
  walk(join(root, "homemade"));
  return found;
}

// Every formula of one page, with its line number and whether it is display math.
function formulas(text) {
  const found = [];
  const problems = [];
  const lines = text.split("\n");
  let fence = null; // the open ``` fence: { math: bool, line, body: [] }
  lines.forEach((line, index) => {
    const number = index + 1;
    const opening = line.match(/^\s*```(\w*)\s*$/);
    if (fence) {
      if (/^\s*```\s*$/.test(line)) {
        if (fence.math) found.push({ tex: fence.body.join("\n"), line: fence.line, display: true });
        fence = null;
      } else {
        fence.body.push(line);
      }
      return;
    }
    if (opening) {
      fence = { math: opening[1] === "math", line: number, body: [] };
      return;
    }
    const code = line.replace(/`[^`]*`/g, (span) => (span.startsWith("`$") ? span : "``"));
    if (code.includes("$$")) problems.push({ line: number, message: "$$…$$ display math: use a ```math fence" });
    for (const match of line.matchAll(/\$`([^`]+)`\$/g)) {
      found.push({ tex: match[1], line: number, display: false });
    }
    const plain = code.replace(/\$`[^`]*`\$/g, "").replace(/``/g, "");
    // A lone $ left after taking out every $…$ pair: a formula split over two lines,
    // which neither GitHub nor this check reads as one.
    if (plain.replace(/\$[^$\s][^$]*?\$/g, "").includes("$")) {
      problems.push({ line: number, message: "a $ without its pair on this line: keep an inline formula on one line" });
    }
    for (const match of plain.matchAll(/\$([^$\s][^$]*?)\$/g)) {
      if (/\\[^A-Za-z]|[_*]/.test(match[1])) {
        problems.push({ line: number, message: `inline $${match[1]}$ has a character markdown eats: write $\`…\`$` });
      } else {
        found.push({ tex: match[1], line: number, display: false });
      }
    }
  });
  if (fence) problems.push({ line: fence.line, message: "a ``` fence that is never closed" });
  return { found, problems };
}

function main(paths) {
  let compiled = 0;
  let failed = 0;
  for (const path of paths) {
    const name = relative(root, path);
    const { found, problems } = formulas(readFileSync(path, "utf8"));
    for (const problem of problems) {
      console.error(`${name}:${problem.line}: ${problem.message}`);
      failed += 1;
    }
    for (const formula of found) {
      try {
        katex.renderToString(formula.tex, { displayMode: formula.display, throwOnError: true, strict: "ignore" });
        compiled += 1;
      } catch (error) {
        console.error(`${name}:${formula.line}: ${error.message}\n    ${formula.tex.split("\n").join("\n    ")}`);
        failed += 1;
      }
    }
  }
  console.log(`math: ${compiled} formulas compiled with KaTeX ${katex.version} from ${paths.length} pages, ${failed} errors`);
  return failed ? 1 : 0;
}

const args = process.argv.slice(2);
process.exitCode = main(args.length ? args : pages());
