"""The book (`make book`, build/book/html) in a real browser, offline: every page works.

The built site is served on 127.0.0.1 by a thread of http.server; Chromium (the system's,
driven by Playwright) visits every page with every request that leaves 127.0.0.1 blocked and
counted. On each page: every formula is typeset by the site's own MathJax (no raw TeX left,
no MathJax error), every image (figures, notebook outputs, the widgets' stored pictures) has
loaded, every stored widget has rendered, every link into the site resolves (the file is
served, its #anchor exists on it), and no script logged an error. Screenshots of five pages,
light and dark, go to the screenshots folder. `make browser` builds the book first.
"""

import functools
import os
import re
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "book" / "html"
SHOTS = {
    "front": "README.html",
    "math-page": "homemade/k_means/README.html",
    "widget-slider": "notebooks/k_means/k_means_demo.html",
    "plotly-figure": "notebooks/linear_regression/multivariate_linear_regression_demo.html",
    "exercises": "notebooks/k_means/k_means_exercises.html",
}
# Waits until MathJax (if the page has it) has typeset and the widget manager (if the page
# has stored widgets) has rendered each view; then makes every lazy image load.
SETTLE = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  // A view counts only if its model is in the page's stored widget state: a notebook that
  // a learner ran and saved in JupyterLab has output ids no stored state knows.
  const state = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  const stored = new Set(Object.keys(state ? (JSON.parse(state.textContent).state || {}) : {}));
  const allViews = [...document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]')];
  const views = allViews.filter(v => stored.has(JSON.parse(v.textContent).model_id));
  for (let i = 0; i < 100; i++) {
    const done = [...document.querySelectorAll('.widget-subarea')].filter(e => e.children.length);
    if (done.length >= views.length) break;
    await new Promise(r => setTimeout(r, 100));
  }
  if (window.MathJax && MathJax.typesetPromise) await MathJax.typesetPromise();
  const images = [...document.images];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.complete ? null : new Promise(r => {
    img.addEventListener('load', r); img.addEventListener('error', r);
  })));
}"""
# What a page holds once settled: its formulas, MathJax errors, raw TeX left in the prose,
# images that did not load, widget views and rendered widgets, and every link.
SURVEY = r"""() => {
  const math = [...document.querySelectorAll('.math')];
  // the text of each paragraph, list item, table cell and heading, without its code
  const prose = [...document.querySelectorAll(
    'article p, article li:not(:has(p)), article td, article h1, article h2, article h3')]
    .filter(e => !e.closest('pre, .highlight, .output, .cell_output'))
    .map(e => {
      const copy = e.cloneNode(true);
      copy.querySelectorAll('code, pre').forEach(x => x.remove());
      return copy.textContent;
    });
  const raw = prose.filter(t => /\$[^$\s][^$]*\$|\$\$|\\(frac|sum|mathbf|begin)\b/.test(t));
  const state = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  const stored = new Set(Object.keys(state ? (JSON.parse(state.textContent).state || {}) : {}));
  const views = [...document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]')]
    .filter(v => stored.has(JSON.parse(v.textContent).model_id));
  return {
    formulas: math.length,
    untypeset: math.filter(e => !e.querySelector('mjx-container'))
      .map(e => e.textContent.slice(0, 80)),
    errors: [...document.querySelectorAll('mjx-merror')].map(e => e.textContent.slice(0, 80)),
    raw: raw.map(t => t.slice(0, 120)),
    images: document.images.length,
    broken: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src),
    views: views.length,
    rendered: [...document.querySelectorAll('.widget-subarea')]
      .filter(e => e.children.length).length,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  };
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    """The browser drops connections when it leaves a page mid-load: not an error here."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def site():
    """The built site on a free port of 127.0.0.1: its base URL."""
    if not (SITE / "README.html").is_file():
        message = f"no book at {SITE.relative_to(ROOT)}: run `make book` first"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@functools.cache
def _fetch(url):
    """The served page's HTML (or '' for another file), or None if it is not served."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            kind = response.headers.get("Content-Type", "")
            return response.read().decode("utf-8", "replace") if "html" in kind else ""
    except urllib.error.URLError:
        return None


def _broken_link(href):
    """Why an internal link does not resolve, or None if it does."""
    url, _, fragment = href.partition("#")
    html = _fetch(url)
    if html is None:
        return f"{href}: not served"
    # an id may be written as the browser sends it (%CF%83) or as the letter (σ)
    ids = {fragment, urllib.parse.unquote(fragment)}
    if fragment and html and not any(re.search(rf'(id|name)="{re.escape(i)}"', html) for i in ids):
        return f"{href}: no #{fragment} on that page"
    return None


def test_every_page_works_offline(site, browser_context, screenshots, capsys):
    """browser_context (conftest.py) blocks and lists every request that leaves 127.0.0.1."""
    offline_browser, already_outside = browser_context, len(browser_context.outside_requests)
    # every page; _static/ holds the theme's template fragments, not pages
    pages = sorted(
        path.relative_to(SITE).as_posix()
        for path in SITE.rglob("*.html")
        if not path.relative_to(SITE).as_posix().startswith("_static/")
    )
    assert "README.html" in pages and len(pages) > 20, pages
    totals = dict(pages=0, formulas=0, images=0, widgets=0, links=0)
    problems, checked = [], set()
    page = offline_browser.new_page()
    console = []
    page.on(
        "console", lambda m: console.append(f"{m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda error: console.append(f"uncaught: {error}"))
    page.on(
        "response",
        lambda r: console.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    for name in pages:
        console.clear()
        page.goto(site + name, wait_until="load")
        page.evaluate(SETTLE)
        survey = page.evaluate(SURVEY)
        totals["pages"] += 1
        totals["formulas"] += survey["formulas"]
        totals["images"] += survey["images"]
        totals["widgets"] += survey["views"]
        for key, what in [
            ("untypeset", "formula not typeset"),
            ("errors", "MathJax error"),
            ("raw", "raw TeX in the text"),
            ("broken", "image not loaded"),
        ]:
            problems += [f"{name}: {what}: {item}" for item in survey[key]]
        if survey["rendered"] < survey["views"]:
            problems.append(f"{name}: {survey['rendered']} of {survey['views']} widgets rendered")
        problems += [f"{name}: console {line}" for line in console]
        for href in survey["links"]:
            if href.startswith(site) and href not in checked:
                checked.add(href)
                broken = _broken_link(href)
                if broken:
                    problems.append(f"{name}: link {broken}")
    totals["links"] = len(checked)
    for shot, name in SHOTS.items():
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.goto(site + name, wait_until="load")
            page.evaluate(SETTLE)
            if shot == "widget-slider":
                if page.locator(".widget-subarea").count():  # none if not stored (see SETTLE)
                    page.locator(".widget-subarea").first.scroll_into_view_if_needed()
            elif shot == "plotly-figure":
                # the demo's plotly figure is in an Output widget: its stored PNG
                page.locator(".widget-subarea img").first.scroll_into_view_if_needed()
            page.screenshot(path=str(screenshots / f"book-{shot}-{scheme}.png"))
    page.close()
    outside = offline_browser.outside_requests[already_outside:]
    with capsys.disabled():  # the counts show in `make browser`'s output, pass or fail
        print(
            f"\nbook: {totals['pages']} pages, {totals['formulas']} formulas, "
            f"{totals['images']} images, "
            f"{totals['widgets']} widgets, {totals['links']} internal links checked, "
            f"outside requests: {len(outside)}; screenshots in {screenshots}"
        )
    assert not outside, f"requests that left the machine: {sorted(set(outside))[:20]}"
    assert not problems, "\n".join(problems[:60])
