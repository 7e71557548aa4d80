"""The math pages in JupyterLab, in a real browser: `make browser` (CONTRIBUTING.md).

Every math page and NOTATION.md is opened in JupyterLab's Markdown viewer (what a click on
a link from a notebook opens, `make lab` and Binder alike), and every notebook in the
notebook editor; every formula of the source (of the notebooks' markdown cells) must come
out typeset by MathJax, with no raw TeX and no MathJax error left. A notebook's
link to a math page section is clicked, and every other section link of the notebooks is
followed the way a click follows it: the section's heading must be in view. Screenshots
of each go to BROWSER_SCREENSHOTS (default: /tmp/homemade-browser-test).
"""

import re

import pytest
from pages import (
    MATH_PAGES,
    NOTEBOOKS,
    ROOT,
    count_formulas,
    count_notebook_formulas,
    jupyterlab_id,
    section_links,
)

VIEWER = ".jp-MarkdownViewer:not(.lm-mod-hidden) .jp-RenderedMarkdown"
CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .jp-RenderedMarkdown"
LINK_NOTEBOOK = "notebooks/k_means/k_means_exercises.ipynb"
LINK_FRAGMENT = "k-means-where-to-start"
TIMEOUT = 60_000  # ms: the first page also loads MathJax

# What the page shows as text outside formulas and code, and what typeset formulas it has.
RENDERED = """(roots) => {
  const root = document.createElement("div");
  for (const node of [].concat(roots)) root.appendChild(node.cloneNode(true));
  const copy = root.cloneNode(true);
  const hidden = "mjx-container, code, pre, .jp-InternalAnchorLink";
  copy.querySelectorAll(hidden).forEach((node) => node.remove());
  const errors = [...root.querySelectorAll("mjx-merror, [data-mjx-error]")];
  return {
    text: copy.textContent,
    formulas: root.querySelectorAll("mjx-container").length,
    display: root.querySelectorAll('mjx-container[display="true"]').length,
    errors: errors.map((node) => node.getAttribute("data-mjx-error") || node.textContent),
  };
}"""
# Runs a JupyterLab command; returns nothing (a command may return a widget, which the
# browser cannot send back).
COMMAND = "([id, args]) => window.jupyterapp.commands.execute(id, args).then(() => null)"
# Closes every tab without saving (a notebook JupyterLab changed on opening, e.g. its
# kernelspec's display name, would otherwise ask "Save your work?"), its kernel shut down.
CLOSE_ALL = """async () => {
  for (const widget of Array.from(window.jupyterapp.shell.widgets("main"))) {
    const context = widget.context;
    if (context) {
      context.model.dirty = false;
      if (context.sessionContext && context.sessionContext.session) {
        await context.sessionContext.shutdown();
      }
    }
    widget.close();
  }
}"""


def relative(path):
    return path.relative_to(ROOT).as_posix()


def checkpoints():
    folders = [ROOT / "notebooks", ROOT / "homemade"]
    return {path for folder in folders for path in folder.glob("**/.ipynb_checkpoints")}


@pytest.fixture(scope="module")
def checkpoints_before():
    return checkpoints()


@pytest.fixture(scope="module")
def lab_page(lab, browser_context, checkpoints_before):
    """One JupyterLab tab, with the app exposed as window.jupyterapp."""
    page = browser_context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{lab['url']}/lab?token={lab['token']}")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started !== undefined")
    page.evaluate("() => window.jupyterapp.started")
    page.wait_for_selector("#jp-main-dock-panel")
    yield page
    page.close()
    assert browser_context.outside_requests == [], "requests left 127.0.0.1"


def command(page, name, **args):
    page.evaluate(COMMAND, [name, args])


def close_all(page):
    page.evaluate(CLOSE_ALL)


def open_document(page, path, factory=None):
    close_all(page)
    command(page, "docmanager:open", path=path, **({"factory": factory} if factory else {}))


def wait_typeset(page, expected, where=VIEWER):
    """The rendered page, once MathJax has typeset as many formulas as the source has."""
    page.locator(where).first.wait_for()
    page.wait_for_function(
        f"(n) => document.querySelectorAll('{where} mjx-container').length >= n",
        arg=expected,
        timeout=TIMEOUT,
    )
    page.wait_for_timeout(300)  # let layout settle after the last formula
    return page.locator(where).evaluate_all(RENDERED)


@pytest.mark.parametrize("math_page", MATH_PAGES, ids=relative)
def test_every_formula_is_typeset(lab_page, math_page, screenshots):
    display, inline = count_formulas(math_page)
    open_document(lab_page, relative(math_page), "Markdown Preview")
    rendered = wait_typeset(lab_page, display + inline)
    name = relative(math_page).replace("/", "_").removesuffix(".md")
    lab_page.screenshot(path=screenshots / f"{name}.png")
    if display:
        formula = lab_page.locator(f'{VIEWER} mjx-container[display="true"]').first
        formula.scroll_into_view_if_needed()
        lab_page.screenshot(path=screenshots / f"{name}_display.png")
    assert rendered["errors"] == []
    assert (rendered["formulas"], rendered["display"]) == (display + inline, display)
    raw = re.findall(r".{0,30}(?:\$|\\[A-Za-z]+|\\[{}|,;!]).{0,30}", rendered["text"])
    assert raw == [], "raw TeX left as text"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_formulas_are_typeset(lab_page, notebook):
    """The notebooks' markdown cells use Jupyter's own $ and $$ forms: typeset, no raw TeX."""
    display, inline = count_notebook_formulas(notebook)
    open_document(lab_page, relative(notebook))
    rendered = wait_typeset(lab_page, display + inline, CELLS)
    assert rendered["errors"] == []
    assert (rendered["formulas"], rendered["display"]) == (display + inline, display)
    raw = re.findall(r".{0,30}(?:\$|\\[A-Za-z]+|\\[{}|,;!]).{0,30}", rendered["text"])
    assert raw == [], "raw TeX left as text"


def heading_in_view(page, fragment):
    target = page.locator(f'{VIEWER} [data-jupyter-id="{jupyterlab_id(fragment)}"]')
    heading = target.locator("xpath=ancestor-or-self::*[self::h2 or self::h3 or self::h4]")
    heading.wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    return heading


def test_notebook_link_lands_on_its_section(lab_page, screenshots):
    from playwright.sync_api import expect

    open_document(lab_page, LINK_NOTEBOOK)
    # JupyterLab rewrites the href to its /files/ URL: …/README.md?_xsrf=…#fragment
    link = lab_page.locator(f'.jp-MarkdownCell a[href*="README.md"][href$="#{LINK_FRAGMENT}"]')
    link.wait_for()
    link.scroll_into_view_if_needed()
    lab_page.screenshot(path=screenshots / "notebook_before_click.png")
    link.click()
    page_path = ROOT / "homemade" / "k_means" / "README.md"
    display, inline = count_formulas(page_path)
    wait_typeset(lab_page, display + inline)
    heading = heading_in_view(lab_page, LINK_FRAGMENT)
    lab_page.screenshot(path=screenshots / "notebook_link_landed.png")
    expect(heading).to_be_in_viewport()


@pytest.mark.parametrize(
    "link",
    [link for link in section_links() if link[0].suffix == ".ipynb"],
    ids=lambda link: f"{link[0].name}->{relative(link[1])}#{link[2]}",
)
def test_section_link_lands_on_its_section(lab_page, link):
    """Followed as a click follows it: the command JupyterLab's link handler runs."""
    from playwright.sync_api import expect

    _, target, fragment = link
    close_all(lab_page)
    command(
        lab_page,
        "rendermime:handle-local-link",
        path=relative(target),
        id="#" + jupyterlab_id(fragment),
    )
    display, inline = count_formulas(target)
    wait_typeset(lab_page, display + inline)
    expect(heading_in_view(lab_page, fragment)).to_be_in_viewport()


def test_the_checkout_is_left_as_it_was(lab_page, checkpoints_before):
    """Nothing the test opened was saved: no new checkpoints beside the pages or notebooks."""
    close_all(lab_page)
    assert checkpoints() - checkpoints_before == set()
