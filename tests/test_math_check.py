"""`make math`'s check (tools/math_check/check_math.mjs): each rule of CONTRIBUTING.md's
"Math pages" is enforced with its message, and a page written by the rules passes.

Runs the checker with .venv's node on small pages in a temporary folder; needs KaTeX
installed in tools/math_check (`make math` does that, and `make test` runs it first).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / "tools" / "math_check" / "check_math.mjs"
NODE = Path(sys.executable).parent / "node"

pytestmark = pytest.mark.skipif(
    not (ROOT / "tools" / "math_check" / "node_modules" / "katex").is_dir() or not NODE.exists(),
    reason="KaTeX is not installed in tools/math_check: run `make math` once",
)

GOOD = r"""# A page

We have $m$ examples $x^{(i)}$, and $\lvert C_j \rvert$ is a size; $a < b$.

$$
J(\theta) = \frac{1}{2m} \sum_{i=1}^{m} \left( h_\theta(x^{(i)}) - y^{(i)} \right)^2 \\
\hat y = \begin{cases} 1 & \text{if } p < \varepsilon \\
0 & \text{otherwise} \end{cases}
$$

| symbol | meaning |
| --- | --- |
| $x_j^{(i)}$ | feature $j$ of example $i$; `code with $ and | inside` |
"""

BAD = [
    ("```math\nx\n```\n", "a ```math fence is GitHub's alone"),
    ("Inline $`x`$ here.\n", "$`…`$ is GitHub's alone"),
    ("Costs $5 and more.\n", "a $ without its pair"),
    ("A $$x$$ in a line.\n", "$$ inside a line"),
    ("Text\n$$\nx\n$$\n", "no blank line before the opening $$"),
    ("$$\nx\n$$\nText\n", "no blank line after the closing $$"),
    ("- item\n\n  $$\n  x\n  $$\n", "an indented $$"),
    ("$$\nx\n\ny\n$$\n", "a blank line inside a $$ formula"),
    ("The set $\\{1, 2\\}$.\n", "write \\lbrace"),
    ("A space $a\\,b$.\n", "write \\thinspace"),
    ("$$\na \\\\ b\n$$\n", "\\\\ in the middle of a line"),
    ("Inline $a \\\\ b$.\n", "\\\\ in an inline formula"),
    ("Size $|C|$.\n", "| in an inline formula"),
    ("Less $a<b$.\n", "< not followed by a space"),
    ("A link $[a](b)$.\n", "is a link on GitHub"),
    ("Here $ x$.\n", "no space just inside the dollar signs"),
    ("Here $x$1.\n", "followed by a digit"),
    ("Sum $x^{(i)}_j$ and $\\sum_{i} y$.\n", "pair up as markdown emphasis"),
    ("$$\n\\frac{1}{\n$$\n", "KaTeX parse error"),
]


def run(paths):
    return subprocess.run([NODE, CHECK, *paths], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def bad_results(tmp_path_factory):
    """One checker run over one page per bad case (node starts once): each page's messages."""
    folder = tmp_path_factory.mktemp("bad")
    paths = []
    for number, (text, _) in enumerate(BAD):
        paths.append(folder / f"page{number}.md")
        paths[-1].write_text(text, encoding="utf-8")
    result = run(paths)
    assert result.returncode == 1
    return {
        path.name: [line for line in result.stderr.splitlines() if path.name in line]
        for path in paths
    }


def test_a_page_by_the_rules_passes(tmp_path):
    page = tmp_path / "README.md"
    page.write_text(GOOD, encoding="utf-8")
    result = run([page])
    assert result.returncode == 0, result.stderr
    assert "8 formulas compiled" in result.stdout


@pytest.mark.parametrize("number", range(len(BAD)), ids=[message for _, message in BAD])
def test_each_rule_fails_with_its_message(bad_results, number):
    messages = bad_results[f"page{number}.md"]
    assert any(BAD[number][1] in message for message in messages), messages
