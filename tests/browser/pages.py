"""The math pages as the browser test sees them: their formulas and their section links.

Formulas: `$$` lines around each display formula, `$…$` around inline ones (CONTRIBUTING.md,
"Math pages"; `make math` checks the forms); outside code, every unescaped `$` is one.

Section links of the course: which `page.md#fragment` links exist, and where they land.

A link to a section of a math page must land on it on GitHub, in JupyterLab and in the
book (Sphinx, myst-nb). GitHub and the book find a section by GitHub's slug of its
heading, JupyterLab by an exact match of the fragment (percent-encoded, as the browser
sends it) with an element's id, and its own heading ids keep case and punctuation
("Cost:-the-log-loss"). So a link is written with GitHub's slug, and the heading carries
an anchor with that id at its start: ``## <a id="cost-the-log-loss"></a>Cost: the log-loss``.
"""

import json
import re
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(((?:[^)\s]*\.md)?)#([^)\s]+)\)")  # [text](page.md#f) or [text](#f)
HEADING = re.compile(r"^#{1,6} +(.*?) *$")
ANCHOR = re.compile(r'^<a id="([^"]+)"></a>')


def github_slug(heading):
    """GitHub's id for a heading: its text, lowercased, without punctuation, spaces as -."""
    text = re.sub(r"<[^>]*>", "", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[`*]", "", text)
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


MATH_PAGES = sorted((ROOT / "homemade").glob("*/README.md")) + [ROOT / "homemade" / "NOTATION.md"]


NOTEBOOKS = sorted(ROOT.glob("notebooks/*/*.ipynb"))


def markdown_cells(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]


def count_notebook_formulas(notebook):
    """Formulas in a notebook's markdown cells, as JupyterLab finds them: `$…$`, and `$$…$$`
    on one line or over several."""
    text = "\n\n".join(markdown_cells(notebook))
    text = re.sub(r"^(`{3,}|~{3,}).*?^\1", "", text, flags=re.S | re.M)
    text = re.sub(r"(`+)(.+?)\1", "", text)
    display = len(re.findall(r"\$\$.+?\$\$", text, flags=re.S))
    inline = len(re.findall(r"(?<!\\)\$", re.sub(r"\$\$.+?\$\$", "", text, flags=re.S))) // 2
    return display, inline


def count_formulas(page):
    """(display, inline) formulas of a page, counted as JupyterLab finds them."""
    display = inline = 0
    fence = in_display = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith(("```", "~~~")) and not in_display:
            fence = not fence
        elif fence:
            continue
        elif line == "$$":
            display += in_display
            in_display = not in_display
        elif not in_display:
            plain = re.sub(r"(`+)(.+?)\1", "", line)
            inline += len(re.findall(r"(?<!\\)\$", plain)) // 2
    return display, inline


def headings(page):
    """(line number, explicit anchor id or None, text after the anchor) of each heading."""
    found = []
    fence = False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fence = not fence
        match = None if fence else HEADING.match(line)
        if match:
            anchor = ANCHOR.match(match.group(1))
            text = match.group(1)[anchor.end() :] if anchor else match.group(1)
            found.append((number, anchor.group(1) if anchor else None, text))
    return found


def section_links():
    """(source file, target page, fragment) for every link to a .md section (or, in a .md,
    to a section of the same page)."""
    links = []
    sources = NOTEBOOKS + sorted(ROOT.glob("homemade/**/*.md"))
    sources += [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
    for source in sources:
        if ".ipynb_checkpoints" in source.parts:
            continue
        if source.suffix == ".ipynb":
            texts = markdown_cells(source)
        else:
            texts = [source.read_text(encoding="utf-8")]
        for text in texts:
            for target, fragment in LINK.findall(text):
                if not target and source.suffix == ".md":
                    links.append((source, source, fragment))
                elif target and "//" not in target:
                    links.append((source, (source.parent / target).resolve(), fragment))
    return links


def jupyterlab_id(fragment):
    """The id JupyterLab looks up for a link's fragment: the browser percent-encodes it."""
    return quote(unquote(fragment), safe="-_.~!$&'()*+,;=:@/?")
