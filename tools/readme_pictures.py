"""Draws the README's pictures: for each demo notebook, the figure of one chosen cell, taken
from the outputs stored in the notebook and scaled down to a thumbnail.

    python tools/readme_pictures.py

A cell is chosen by its id (``"id"`` in the notebook's JSON), which stays the same when
cells are added or moved, and its first PNG output is used. The thumbnail is HEIGHT pixels
high, scaled with Pillow's Lanczos filter and written without metadata, so the same stored
figure always gives the same bytes. Run this after re-executing a demo:
``tests/test_readme.py`` checks that every file in ``images/demos/`` is what this script
draws from the notebooks as they are stored now, and that the README shows each one.
"""

import base64
import io
import json
import pathlib
import sys

from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parents[1]
FOLDER = ROOT / "images" / "demos"
HEIGHT = 200  # pixels; the width keeps the figure's proportions

# demo notebook → the id of the cell whose figure the README shows
PICTURES = {
    "notebooks/linear_regression/univariate_linear_regression_demo.ipynb": "univariate-l-19",
    "notebooks/linear_regression/multivariate_linear_regression_demo.ipynb": "multivariate-18",
    "notebooks/linear_regression/non_linear_regression_demo.ipynb": "non-linear-r-15",
    "notebooks/logistic_regression/logistic_regression_with_linear_boundary_demo.ipynb": "cell-22",
    "notebooks/logistic_regression/logistic_regression_with_non_linear_boundary_demo.ipynb":
        "cell-13",
    "notebooks/logistic_regression/multivariate_logistic_regression_demo.ipynb": "cell-20",
    "notebooks/logistic_regression/multivariate_logistic_regression_fashion_demo.ipynb": "cell-15",
    "notebooks/k_means/k_means_demo.ipynb": "25a5d774",
    "notebooks/k_means/k_means_image_compression_demo.ipynb": "623bf2a2",
    "notebooks/principal_component_analysis/pca_demo.ipynb": "3c2e02a3",
    "notebooks/neural_network/multilayer_perceptron_demo.ipynb": "d8230995",
    "notebooks/neural_network/multilayer_perceptron_fashion_demo.ipynb": "4473d7c2",
    "notebooks/anomaly_detection/anomaly_detection_gaussian_demo.ipynb": "f9356c42",
}


def picture_path(notebook):
    """Where the README's picture of ``notebook`` (a path relative to the root) lives."""
    return FOLDER / f"{pathlib.PurePosixPath(notebook).stem}.png"


def stored_png(notebook, cell_id):
    """The bytes of the first PNG output stored in the cell ``cell_id`` of ``notebook``."""
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    matches = [cell for cell in cells if cell.get("id") == cell_id]
    if not matches:
        raise ValueError(
            f"{notebook} has no cell with id {cell_id!r}: choose another cell of that "
            f"notebook in PICTURES of tools/readme_pictures.py (its \"id\" in the JSON)"
        )
    for output in matches[0].get("outputs", []):
        data = output.get("data", {}).get("image/png")
        if data is not None:
            return base64.b64decode("".join(data) if isinstance(data, list) else data)
    raise ValueError(
        f"cell {cell_id!r} of {notebook} has no stored PNG output: execute the notebook "
        f"(make notebooks NOTEBOOKS={notebook}) or choose a cell that draws a figure"
    )


def thumbnail(png):
    """``png`` scaled to HEIGHT pixels high, on white, in 256 colours, as a PNG without
    metadata."""
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        width = max(1, round(image.width * HEIGHT / image.height))
        small = image.convert("RGBA").resize((width, HEIGHT), Image.Resampling.LANCZOS)
    # On white, then 256 colours (median cut, no dithering): a third of the bytes.
    white = Image.new("RGBA", small.size, "white")
    small = Image.alpha_composite(white, small).convert("RGB")
    small = small.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=False, compress_level=9)
    return buffer.getvalue()


def draw(notebook):
    """The README's picture of ``notebook``, as bytes, from its stored outputs."""
    return thumbnail(stored_png(notebook, PICTURES[notebook]))


def main():
    FOLDER.mkdir(parents=True, exist_ok=True)
    wanted = {picture_path(notebook): notebook for notebook in PICTURES}
    for path in sorted(FOLDER.glob("*.png")):
        if path not in wanted:
            path.unlink()
            print(f"removed {path.relative_to(ROOT)} (no demo of that name)")
    for path, notebook in wanted.items():
        picture = draw(notebook)
        if not path.is_file() or path.read_bytes() != picture:
            path.write_bytes(picture)
            print(f"drew {path.relative_to(ROOT)} from cell {PICTURES[notebook]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
