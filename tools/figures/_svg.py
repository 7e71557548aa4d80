"""What every figure script shares: SVG files that a redraw reproduces byte for byte.

Each ``tools/figures/<algorithm>.py`` draws its math page's figures from the library with
matplotlib (the file-only "Agg" backend) and saves them with ``save_svg``; run as a script
it redraws them into ``homemade/<algorithm>/figures`` through ``main``.
"""

import pathlib

import matplotlib.pyplot as plt

ROOT = pathlib.Path(__file__).resolve().parents[2]


def save_svg(fig, path, **savefig_options):
    """Save ``fig`` as an SVG at ``path`` (its folder created), then close it.

    A fixed hash salt (the ids of the SVG's elements) and no date: a redraw is
    byte-identical, so an unchanged figure never shows up in ``git status``.
    """
    plt.rcParams["svg.hashsalt"] = "homemade"
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata={"Date": None}, **savefig_options)
    plt.close(fig)


def main(draw, algorithm):
    """Redraw ``algorithm``'s figures into its folder and print the files written."""
    for written in draw(ROOT / "homemade" / algorithm / "figures"):
        print(pathlib.Path(written).resolve().relative_to(ROOT))
