"""The README's front page stays in step with the course: a picture for every demo, each the
figure that tools/readme_pictures.py draws from the demo's stored outputs now, linked to
its demo; and the links a learner needs first."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEMOS = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("notebooks/*/*_demo.ipynb"))


def _load_tool():
    path = ROOT / "tools" / "readme_pictures.py"
    spec = importlib.util.spec_from_file_location("readme_pictures", path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


pictures = _load_tool()


def test_every_demo_has_a_picture_and_no_picture_is_left_over():
    assert sorted(pictures.PICTURES) == DEMOS
    on_disk = sorted(pictures.FOLDER.glob("*.png"))
    assert on_disk == sorted(pictures.picture_path(demo) for demo in DEMOS), (
        "run: python tools/readme_pictures.py"
    )


@pytest.mark.parametrize("demo", DEMOS, ids=lambda d: Path(d).stem)
def test_picture_is_what_the_script_draws_from_the_stored_notebook(demo):
    path = pictures.picture_path(demo)
    assert path.is_file(), "run: python tools/readme_pictures.py"
    assert path.read_bytes() == pictures.draw(demo), (
        f"{path.relative_to(ROOT)} is not the figure stored in {demo} now "
        "(the notebook was re-executed): run python tools/readme_pictures.py"
    )


@pytest.mark.parametrize("demo", DEMOS, ids=lambda d: Path(d).stem)
def test_readme_shows_each_picture_linked_to_its_demo(demo):
    image = pictures.picture_path(demo).relative_to(ROOT).as_posix()
    links = re.findall(r"\[!\[([^\]]+)\]\(" + re.escape(image) + r"\)\]\(([^)]+)\)", README)
    assert len(links) == 1, f"README must show {image} once, as [![what it shows]({image})]({demo})"
    alt, target = links[0]
    assert target == demo
    assert len(alt.split()) >= 3, "the alt text says what the picture shows"


def test_thumbnails_are_small_and_of_one_height():
    from PIL import Image

    for demo in DEMOS:
        path = pictures.picture_path(demo)
        with Image.open(path) as image:
            assert image.height == pictures.HEIGHT
        assert path.stat().st_size < 100_000, path.name


def _notebook_with(cells):
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_a_missing_cell_id_names_the_notebook_the_id_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(pictures, "ROOT", tmp_path)
    (tmp_path / "demo.ipynb").write_text(json.dumps(_notebook_with([
        {"cell_type": "code", "id": "a1", "metadata": {}, "source": "", "outputs": [
            {"output_type": "stream", "name": "stdout", "text": "no figure"}]},
    ])))
    with pytest.raises(ValueError, match=r"demo.ipynb has no cell with id 'zz'.*PICTURES"):
        pictures.stored_png("demo.ipynb", "zz")
    no_png = r"cell 'a1' of demo.ipynb has no stored PNG.*make notebooks"
    with pytest.raises(ValueError, match=no_png):
        pictures.stored_png("demo.ipynb", "a1")


def test_thumbnail_is_deterministic_and_keeps_the_proportions():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGBA", (600, 400), (255, 0, 0, 128)).save(buffer, format="PNG")
    once, twice = pictures.thumbnail(buffer.getvalue()), pictures.thumbnail(buffer.getvalue())
    assert once == twice
    with Image.open(BytesIO(once)) as image:
        assert image.size == (300, pictures.HEIGHT)
        # Half-transparent red on white: the pixels come out light red, not dark.
        assert image.convert("RGB").getpixel((10, 10)) == (255, 127, 127)


def test_readme_gives_the_two_commands_binder_notation_and_contributing():
    for needed in ("make lab", "make test", "https://mybinder.org/v2/gh/",
                   "(homemade/NOTATION.md)", "(CONTRIBUTING.md)"):
        assert needed in README, needed
    # Maintainer material lives in CONTRIBUTING.md, not on the learners' front page.
    for maintainer_only in ("make lock", "OPENBLAS_CORETYPE", "uv pip compile"):
        assert maintainer_only not in README, maintainer_only
    # A course is always named: "Andrew Ng's course", never a bare "the course".
    assert not re.search(r"\bthe\s+(?:whole\s+)?course\b", README, re.IGNORECASE)
