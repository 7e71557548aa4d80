// Compiles every formula of the math pages with KaTeX, and checks that each one is written
// in the one form that GitHub, JupyterLab's Markdown viewer and the book (Sphinx, myst-nb)
// all render: `make math`. The rules, with their sources, are in CONTRIBUTING.md, "Math
// pages"; each error message below names the rule it breaks and the fix.
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

// Control symbols (a backslash before ASCII punctuation) that markdown reads as an escape
// on GitHub, so that the backslash never reaches MathJax, and what to write instead.
const ESCAPES = {
  "{": "\\lbrace", "}": "\\rbrace", ",": "\\thinspace", ";": "\\thickspace",
  ":": "\\medspace", ">": "\\medspace", "!": "\\negthinspace", "|": "\\Vert",
};

// What markdown (GitHub's above all) takes out of a formula before MathJax sees it: one
// message per problem. `display` formulas may end a line with \\ (GitHub keeps a \\ at
// the end of a line); inline ones may not hold | either (a table cell ends there).
function texProblems(tex, display) {
  const problems = [];
  for (const match of tex.matchAll(/\\([!-\/:-@\[-`{-~])/g)) {
    const after = tex.slice(match.index + 2);
    if (match[1] === "\\" && display && /^[ \t]*(\n|$)/.test(after)) continue;
    if (match[1] === "\\") {
      problems.push(display ? "\\\\ in the middle of a line: end the line after it (GitHub keeps \\\\ only at a line's end)"
        : "\\\\ in an inline formula: make it a display formula, one row per line");
    } else if (match[1] === " ") {
      continue;
    } else {
      const instead = ESCAPES[match[1]];
      problems.push(`\\${match[1]} is a markdown escape on GitHub (the backslash is dropped): ${instead ? `write ${instead}` : "write it without a backslash before punctuation"}`);
    }
    if (match[1] === "\\") continue;
  }
  if (!display && tex.includes("|")) problems.push("| in an inline formula ends a table cell on GitHub: write \\lvert … \\rvert, \\lVert … \\rVert, \\mid or \\vert");
  if (/<[^\s=]/.test(tex)) problems.push("< not followed by a space starts an HTML tag on GitHub: write `a < b`");
  if (/&[A-Za-z#]/.test(tex)) problems.push("& before a letter or # is an HTML entity: put a space after &");
  if (/\]\s*[(\[]/.test(tex)) problems.push("](…) or ][…] is a link on GitHub: write \\rbrack or put a space before ( or [, e.g. `] (`");
  if (/[`~]/.test(tex)) problems.push("` or ~ in a formula is markdown (code, strikethrough): write \\sim, \\tilde{…}, a space \\ ");
  if (!display && /\n/.test(tex)) problems.push("an inline formula over two lines: GitHub renders no inline formula with a line break");
  if (/\n[ \t]*\n/.test(tex)) problems.push("a blank line inside a formula ends it (JupyterLab, markdown)");
  return problems;
}

// Emphasis: the `_` and `*` of formulas take part in markdown's emphasis pairing on
// GitHub, as if the formula were text. Runs CommonMark's delimiter rules
// (https://spec.commonmark.org/0.31.2/#emphasis-and-strong-emphasis) over one paragraph
// and reports every pair of which one delimiter is inside a formula.
const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

function emphasisProblems(text, inMath) {
  const runs = [];
  for (const match of text.matchAll(/(?<!\\)(\*+|_+)/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const before = start > 0 ? text[start - 1] : " ";
    const after = end < text.length ? text[end] : " ";
    const left = !SPACE.test(after) && (!PUNCT.test(after) || SPACE.test(before) || PUNCT.test(before));
    const right = !SPACE.test(before) && (!PUNCT.test(before) || SPACE.test(after) || PUNCT.test(after));
    const star = match[0][0] === "*";
    runs.push({
      char: match[0][0], start, length: match[0].length, math: inMath(start),
      open: star ? left : left && (!right || PUNCT.test(before)),
      close: star ? right : right && (!left || PUNCT.test(after)),
    });
  }
  const pairs = [];
  const openers = [];
  for (const run of runs) {
    if (run.close) {
      for (let k = openers.length - 1; k >= 0; k -= 1) {
        const opener = openers[k];
        if (opener.char !== run.char) continue;
        const both = opener.open && opener.close || run.open && run.close;
        if (both && (opener.length + run.length) % 3 === 0 && !(opener.length % 3 === 0 && run.length % 3 === 0)) continue;
        if (opener.math || run.math) pairs.push([opener, run]);
        openers.splice(k);
        run.open = false;
        break;
      }
    }
    if (run.open) openers.push(run);
  }
  return pairs;
}

// The page as blocks: display formulas (between $$ lines), code fences, and paragraphs
// (runs of text lines; a table row or a list item starts a paragraph of its own).
function formulas(text) {
  const found = [];
  const problems = [];
  const lines = text.split("\n");
  let fence = null;
  let display = null;
  let paragraph = [];
  const flush = () => {
    if (paragraph.length) inlineFormulas(paragraph, found, problems);
    paragraph = [];
  };
  lines.forEach((line, index) => {
    const number = index + 1;
    if (fence) {
      if (line.trim().startsWith(fence.marker)) fence = null;
      return;
    }
    if (display) {
      if (line === "$$") {
        const tex = display.body.join("\n");
        found.push({ tex, line: display.line, display: true });
        for (const message of texProblems(tex, true)) problems.push({ line: display.line, message });
        for (const [a, b] of emphasisProblems(tex, () => true)) {
          const at = (run) => `"${tex.slice(Math.max(0, run.start - 12), run.start + 4).trim()}"`;
          problems.push({ line: display.line, message: `the ${a.char} at ${at(a)} and the ${b.char} at ${at(b)} pair up as markdown emphasis on GitHub: ${fixEmphasis(a.char)}` });
        }
        if (index + 1 < lines.length && lines[index + 1].trim() !== "") {
          problems.push({ line: number, message: "no blank line after the closing $$: GitHub and JupyterLab need one" });
        }
        display = null;
      } else {
        if (line.trim() === "") problems.push({ line: number, message: "a blank line inside a $$ formula ends it in JupyterLab: remove it" });
        if (line.includes("$")) problems.push({ line: number, message: "a $ inside a $$ formula: write \\$ as \\text{\\textdollar} or leave it out" });
        display.body.push(line);
      }
      return;
    }
    const opening = line.match(/^\s*(`{3,}|~{3,})\s*(\w*)/);
    if (opening) {
      flush();
      if (opening[2] === "math") problems.push({ line: number, message: "a ```math fence is GitHub's alone (JupyterLab shows it as code): write the formula between $$ lines" });
      fence = { marker: opening[1] };
      return;
    }
    if (line.trim() === "$$") {
      flush();
      if (line !== "$$") problems.push({ line: number, message: "an indented $$ (in a list item?): GitHub does not render display math in list items; put it at the left margin, outside the list" });
      if (index > 0 && lines[index - 1].trim() !== "") problems.push({ line: number, message: "no blank line before the opening $$: GitHub and JupyterLab need one" });
      display = { line: number, body: [] };
      return;
    }
    if (line.trim() === "") {
      flush();
      return;
    }
    if (/^\s*\|/.test(line) || /^\s*([-*+]|\d+[.)])\s/.test(line) || /^\s*#/.test(line)) flush();
    paragraph.push({ line, number });
    if (/^\s*\|/.test(line) || /^\s*#/.test(line)) flush();
  });
  if (fence) problems.push({ line: lines.length, message: "a ``` fence that is never closed" });
  if (display) problems.push({ line: display.line, message: "a $$ that is never closed" });
  flush();
  return { found, problems };
}

function fixEmphasis(char) {
  return char === "_"
    ? "an _ after }, ), ] or a space can open emphasis: write x_j^{(i)} for x^{(i)}_j, \\hat y_i for \\hat{y}_i, or a space after the _ as in f(z)_ k"
    : "write \\ast or ^{\\ast} for a lone *";
}

// The inline formulas of one paragraph: $…$ on one line, not in a code span.
function inlineFormulas(paragraph, found, problems) {
  let text = "";
  const math = [];
  for (const { line, number } of paragraph) {
    if (/\$`[^`]+`\$/.test(line)) {
      problems.push({ line: number, message: "$`…`$ is GitHub's alone (JupyterLab pairs its dollar signs wrongly): write $…$" });
    }
    // Code spans hide their dollars (JupyterLab and GitHub alike), link targets their _.
    const plain = line
      .replace(/(`+)(.+?)\1/g, (span) => "c".repeat(span.length))
      .replace(/\]\([^)\s]*\)/g, (target) => "]" + "x".repeat(target.length - 1));
    if (plain.includes("$$")) problems.push({ line: number, message: "$$ inside a line: a display formula goes between two $$ lines of its own" });
    const dollars = [...plain.matchAll(/(?<!\\)\$/g)].map((match) => match.index);
    if (dollars.length % 2) {
      problems.push({ line: number, message: "a $ without its pair on this line: keep an inline formula on one line, and write a literal dollar as \\$" });
    }
    for (let k = 0; k + 1 < dollars.length; k += 2) {
      const [start, end] = [dollars[k], dollars[k + 1]];
      const tex = line.slice(start + 1, end);
      if (/^\s/.test(tex) || /\s$/.test(tex)) problems.push({ line: number, message: `$${tex}$: no space just inside the dollar signs (GitHub, pandoc rule)` });
      if (/^\d/.test(line.slice(end + 1))) problems.push({ line: number, message: `$${tex}$ followed by a digit is not math on GitHub: put a space or punctuation after it` });
      for (const message of texProblems(tex, false)) problems.push({ line: number, message: `$${tex}$: ${message}` });
      found.push({ tex, line: number, display: false });
      math.push([text.length + start, text.length + end]);
    }
    text += plain + "\n";
  }
  const inMath = (at) => math.some(([start, end]) => at > start && at < end);
  for (const [a, b] of emphasisProblems(text, inMath)) {
    const number = paragraph[text.slice(0, b.start).split("\n").length - 1].number;
    problems.push({ line: number, message: `the ${a.char} at "${text.slice(Math.max(0, a.start - 12), a.start + 4).trim()}" and the ${b.char} at "${text.slice(Math.max(0, b.start - 12), b.start + 4).trim()}" pair up as markdown emphasis on GitHub: ${fixEmphasis(a.char)}` });
  }
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
