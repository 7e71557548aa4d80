"""The course as a website: Sphinx + myst-nb + sphinx-book-theme (`make book`).

The source folder is the repository itself (`sphinx-build -c book . build/book/html`), so
the pages are the files learners open on GitHub, unmoved and uncopied, and their relative
links (``../../homemade/k_means/README.md#anchor``) work in both places. Notebooks are shown
with their stored outputs (nbval checks those); nothing is executed. Everything a page loads
at view time (MathJax, the widget manager) is copied from book/node_modules (npm ci of
book/package-lock.json) into the site's own folder ``_vendor/``, and nothing comes from the
network.
"""

import json
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

BOOK = Path(__file__).resolve().parent
ROOT = BOOK.parent
REPOSITORY = "https://github.com/trekhleb/homemade-machine-learning"
BRANCH = "master"
ALGORITHMS = [  # the order of the README's path through the course
    "linear_regression",
    "logistic_regression",
    "neural_network",
    "k_means",
    "principal_component_analysis",
    "anomaly_detection",
]  # a page left out of every table of contents is a warning, so a new one is not missed

ANCHOR = re.compile(r'(?:<a id="([^"]+)">)?\s*(?:</a>)?')
TITLES = {"k_means": "K-means"}

project = "Homemade Machine Learning"
author = "Oleksii Trekhleb and contributors"
copyright = "Oleksii Trekhleb and contributors"
root_doc = "README"
extensions = ["myst_nb"]
include_patterns = [
    "README.md",
    "CONTRIBUTING.md",
    "homemade/NOTATION.md",
    "homemade/*/README.md",
    "notebooks/*/*.ipynb",
]
exclude_patterns = ["build", ".venv", "**/.ipynb_checkpoints", "**/node_modules"]

# Notebooks: the stored outputs, never re-executed. A plotly figure is stored as JSON
# (JupyterLab) and as a PNG; the book shows the PNG (plotly.js would add 4.5 MB per page).
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath"]
# Section links between pages (`README.md#the-cost-function`) use GitHub's slugs.
myst_heading_anchors = 4
# The widget manager from the site itself (the standalone bundle: core widgets only,
# no RequireJS, nothing fetched from a CDN).
nb_ipywidgets_js = {"../_vendor/html-manager/embed.js": {}}

# MathJax 3 from the site: the path is relative to _static/.
mathjax_path = "../_vendor/mathjax/tex-chtml.js"
mathjax_config_path = "mathjax_config.js"

html_theme = "sphinx_book_theme"
html_title = project
html_static_path = []
html_css_files = []
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": BRANCH,
    "path_to_docs": "",
    "use_repository_button": True,
    "use_source_button": True,
    "use_download_button": True,
    "use_issues_button": False,
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "home_page_in_toc": True,
}
# light or dark as the reader's system asks (without it pydata's script logs an error)
html_context = {"default_mode": "auto"}
html_favicon = "favicon.svg"
# sphinx-book-theme adds no analytics; pydata's defaults load nothing from outside.
html_permalinks_icon = "#"
html_last_updated_fmt = None
html_show_sourcelink = False
suppress_warnings = []

EXERCISE_NOTE = """\
```{admonition} Checking your answers
:class: tip
This page shows the exercises with their stored outputs. To check an answer, run the
notebook: launch it on Binder (the rocket button at the top of this page), or open it with
`make lab` in your clone of the repository. Replace each `raise NotImplementedError` with your
code and run the cell, then the `check(...)` cell below it: the checker tells you what it
found.
```
"""


def _toctree(caption, entries):
    lines = ["", "```{toctree}", ":hidden:", f":caption: {caption}", ""]
    return "\n".join(lines + entries + ["```", ""])


def add_contents(app, docname, source):
    """README gets the book's table of contents (hidden: the page itself is unchanged);
    each exercise notebook gets a note on how to check an answer, as its first cell."""
    if docname == "README":
        parts = []
        for algorithm in ALGORITHMS:
            notebooks = sorted((ROOT / "notebooks" / algorithm).glob("*.ipynb"))
            demos = [
                f"notebooks/{algorithm}/{n.stem}" for n in notebooks if n.stem.endswith("_demo")
            ]
            exercises = [
                f"notebooks/{algorithm}/{n.stem}"
                for n in notebooks
                if n.stem.endswith("_exercises")
            ]
            title = TITLES.get(algorithm, algorithm.replace("_", " ").capitalize())
            parts.append(_toctree(title, [f"homemade/{algorithm}/README"] + demos + exercises))
        parts.append(_toctree("Reference", ["homemade/NOTATION", "CONTRIBUTING"]))
        source[0] += "\n".join(parts)
    elif docname.endswith("_exercises"):
        notebook = json.loads(source[0])
        note = {
            "cell_type": "markdown",
            "id": "checking-your-answers",
            "metadata": {},
            "source": EXERCISE_NOTE,
        }
        notebook["cells"].insert(1, note)
        source[0] = json.dumps(notebook)


class SourceLinks(SphinxPostTransform):
    """A link to a repository file that is not a page of the book (a .py module, a folder, a
    data file, a Markdown file left out of the book) goes to that file on GitHub, instead of a
    copy under _downloads/ or a warning; an image from another site (a badge) is shown as
    its text, so that no page fetches anything from outside. Runs before myst's resolver
    (priority 9)."""

    default_priority = 8

    def _github(self, node, target):
        kind = "tree" if target.is_dir() else "blob"
        uri = f"{REPOSITORY}/{kind}/{BRANCH}/{target.relative_to(ROOT).as_posix()}"
        node.replace_self(
            nodes.reference("", "", *node.children, refuri=uri, classes=["source-link"])
        )

    def run(self, **kwargs):
        here = Path(self.env.doc2path(self.env.docname)).parent
        for node in list(self.document.findall(nodes.Element)):
            if isinstance(node, nodes.image) and "://" in node["uri"]:
                # a badge from another site (README's Binder badge): its text, no request
                node.replace_self(nodes.Text(node.get("alt", "")))
            elif node.tagname == "download_reference":
                self._github(node, (here / node["reftarget"]).resolve())
            elif node.tagname == "pending_xref" and node.get("reftype") == "myst":
                if node.get("refdomain") == "doc":
                    target = ROOT / f"{node['reftarget']}.md"
                    if node["reftarget"] not in self.env.all_docs and target.is_file():
                        self._github(node, target)
                else:
                    target = (here / node["reftarget"]).resolve()
                    if ROOT in target.parents and target.exists():
                        self._github(node, target)


class HeadingAnchors(SphinxTransform):
    """A math page's heading starts with an explicit anchor, `## <a id="x"></a>Title` (for
    JupyterLab and GitHub): in the book the id goes on the section itself, and the raw HTML
    leaves the heading, which the theme copies into the table of contents (an <a> inside
    the contents' <a> breaks the theme's scroll tracking)."""

    default_priority = 500

    def apply(self, **kwargs):
        for title in list(self.document.findall(nodes.title)):
            for raw in [child for child in title.children if isinstance(child, nodes.raw)]:
                match = ANCHOR.fullmatch(raw.astext().strip())
                if not match:
                    continue
                if match.group(1) and isinstance(title.parent, nodes.section):
                    title.parent["ids"].append(match.group(1))
                    self.document.ids[match.group(1)] = title.parent
                title.remove(raw)


def copy_vendor(app, exception):
    """The site's own copy of what its pages load: MathJax 3 (the TeX-to-HTML bundle, its
    extensions and fonts) and the widget manager with its fonts; no _downloads/."""
    if exception or app.builder.format != "html":
        return
    modules, vendor = BOOK / "node_modules", Path(app.outdir) / "_vendor"
    shutil.rmtree(vendor, ignore_errors=True)
    mathjax = modules / "mathjax" / "es5"
    (vendor / "mathjax").mkdir(parents=True)
    shutil.copy(mathjax / "tex-chtml.js", vendor / "mathjax")
    shutil.copytree(mathjax / "input", vendor / "mathjax" / "input")
    shutil.copytree(
        mathjax / "output" / "chtml" / "fonts" / "woff-v2",
        vendor / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2",
    )
    # every link to a repository file goes to GitHub (SourceLinks), so Sphinx's copies of
    # those files are linked from nowhere
    shutil.rmtree(Path(app.outdir) / "_downloads", ignore_errors=True)
    manager = modules / "@jupyter-widgets" / "html-manager" / "dist"
    shutil.copytree(
        manager, vendor / "html-manager", ignore=shutil.ignore_patterns("*.map", "*amd.js", "*.txt")
    )


def setup(app):
    if not (BOOK / "node_modules" / "mathjax").is_dir():
        raise RuntimeError(
            "book/node_modules is missing: run `make book` (it runs npm ci in book/)"
        )
    app.connect("source-read", add_contents)
    app.add_transform(HeadingAnchors)
    app.add_post_transform(SourceLinks)
    app.connect("build-finished", copy_vendor)
