"""Every link to a math page section lands on it on GitHub, in JupyterLab and in the book.

The rule (CONTRIBUTING.md, "Math pages"): a link names the section by GitHub's slug of its
heading, and the heading starts with an anchor of that id, which JupyterLab needs. The
browser test (`make browser`) follows the links in JupyterLab; this test checks the rule
on the sources, without a browser.
"""

import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from pages import MATH_PAGES, ROOT, github_slug, headings, jupyterlab_id, section_links  # noqa: E402

LINKS = [link for link in section_links() if link[1] in MATH_PAGES]


def test_the_notebooks_link_to_sections():
    assert len(LINKS) >= 10


@pytest.mark.parametrize(
    "source, target, fragment",
    LINKS,
    ids=[f"{s.relative_to(ROOT)}->{t.relative_to(ROOT)}#{f}" for s, t, f in LINKS],
)
def test_link_has_its_anchor(source, target, fragment):
    found = [h for h in headings(target) if github_slug(h[2]) == unquote(fragment)]
    assert found, (
        f"{source.relative_to(ROOT)} links to {target.relative_to(ROOT)}#{fragment}, but no "
        f"heading there has that GitHub slug; its headings' slugs: "
        f"{[github_slug(text) for _, _, text in headings(target)]}"
    )
    number, anchor, text = found[0]
    want = jupyterlab_id(fragment)
    assert anchor == want, (
        f"{target.relative_to(ROOT)}:{number}: the heading needs the anchor JupyterLab looks "
        f'up; write it as: ## <a id="{want}"></a>{text}'
    )


@pytest.mark.parametrize("page", MATH_PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_anchor_is_its_headings_slug(page):
    for number, anchor, text in headings(page):
        if anchor is not None:
            assert anchor == jupyterlab_id(github_slug(text)), f"{page.name}:{number}"
