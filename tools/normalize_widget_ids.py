"""Give the ipywidgets models stored in notebooks deterministic ids.

Every run of a notebook creates its widgets with random model ids (UUID4). They appear as
the keys of the widget state in the notebook's metadata, inside that state (a slider's
``layout`` is ``"IPY_MODEL_<id>"``) and in the ``application/vnd.jupyter.widget-view+json``
outputs. So re-executing an unchanged notebook rewrites hundreds of lines although every
output is the same, and ``git status`` is never clean after ``make notebooks``.

This script, run by ``make notebooks`` after the notebooks are executed, renames each model
to an id derived from the notebook's path and the model's place in the notebook: the
models shown by outputs in cell order, then the models they refer to, depth first in the
order of their (sorted) state keys. The same widgets in the same notebook get the same ids
on every run; running the script twice changes nothing. nbval does not compare widget-view
outputs (their ids are random by design), so stored notebooks still pass.

Usage: python tools/normalize_widget_ids.py NOTEBOOK.ipynb [...]
"""

import json
import re
import sys
import uuid
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
REFERENCE = re.compile(r"IPY_MODEL_([0-9a-zA-Z_-]+)")
# A fixed namespace, so that ids depend only on the notebook's path and the model's rank.
NAMESPACE = uuid.UUID("6f1c0a52-7d0e-4c57-9a55-0b6e2c3c9d10")


def _references(value):
    """The model ids ``value`` refers to, in a deterministic order (dict keys sorted)."""
    if isinstance(value, str):
        return REFERENCE.findall(value)
    if isinstance(value, dict):
        return [ref for key in sorted(value) for ref in _references(value[key])]
    if isinstance(value, list):
        return [ref for item in value for ref in _references(item)]
    return []


def _masked(value, ids):
    """``value`` as canonical JSON with every model id replaced by a placeholder."""
    text = json.dumps(value, sort_keys=True)
    for old in ids:
        text = text.replace(old, "MODEL")
    return text


def model_order(notebook):
    """The notebook's widget model ids, in an order that does not depend on their values."""
    state = notebook["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    roots = [
        output["data"][WIDGET_VIEW]["model_id"]
        for cell in notebook["cells"]
        for output in cell.get("outputs", [])
        if WIDGET_VIEW in output.get("data", {})
    ]
    order, seen = [], set()

    def visit(model_id):
        if model_id in seen:
            return
        seen.add(model_id)
        order.append(model_id)
        for ref in _references(state.get(model_id, {})):
            visit(ref)

    for model_id in roots:
        visit(model_id)
    # Models no output reaches: ordered by their content, ids masked.
    rest = sorted(set(state) - seen, key=lambda m: (_masked(state[m], state), m))
    return order + rest


def _rename(value, mapping):
    if isinstance(value, str):
        return REFERENCE.sub(lambda m: "IPY_MODEL_" + mapping.get(m[1], m[1]), value)
    if isinstance(value, dict):
        return {mapping.get(k, k): _rename(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename(item, mapping) for item in value]
    return value


def normalize(notebook, name):
    """Rename the widget models of ``notebook`` (a dict, changed in place); ``name``
    (the notebook's path in the repository) seeds the new ids. Returns the notebook."""
    mapping = {
        old: uuid.uuid5(NAMESPACE, f"{name}#{rank}").hex
        for rank, old in enumerate(model_order(notebook))
    }
    if not mapping:
        return notebook
    widgets = notebook["metadata"]["widgets"]
    if WIDGET_STATE in widgets:
        widgets[WIDGET_STATE] = _rename(widgets[WIDGET_STATE], mapping)
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None and view.get("model_id") in mapping:
                view["model_id"] = mapping[view["model_id"]]
    return notebook


def _name(path):
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def main(paths):
    for path in paths:
        notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        before = nbformat.writes(notebook)
        if nbformat.writes(normalize(notebook, _name(path))) != before:
            nbformat.write(notebook, path)


if __name__ == "__main__":
    main(sys.argv[1:])
