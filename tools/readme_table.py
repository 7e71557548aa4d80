"""Writes the README's algorithm table (between its ``algorithms`` markers) from the list
below: every demo and exercise notebook with its nbviewer and Binder links.

    python tools/readme_table.py

``tests/test_repository.py`` checks that the README's table is this script's output and
that every notebook and every linked file exists.
"""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]
REPO = "trekhleb/homemade-machine-learning"
START, END = "<!-- algorithms:start -->", "<!-- algorithms:end -->"

# (algorithm, folder, code files, [(demo title, notebook)], exercises notebook)
ALGORITHMS = [
    (
        "Linear regression",
        "linear_regression",
        ["homemade/linear_regression/linear_regression.py"],
        [
            ("univariate: happiness from GDP", "univariate_linear_regression_demo.ipynb"),
            (
                "multivariate: happiness from GDP and freedom",
                "multivariate_linear_regression_demo.ipynb",
            ),
            ("non-linear: polynomial and sinusoid features", "non_linear_regression_demo.ipynb"),
        ],
        "linear_regression_exercises.ipynb",
    ),
    (
        "Logistic regression",
        "logistic_regression",
        ["homemade/logistic_regression/logistic_regression.py"],
        [
            (
                "linear boundary: Iris species",
                "logistic_regression_with_linear_boundary_demo.ipynb",
            ),
            (
                "non-linear boundary: microchip validity",
                "logistic_regression_with_non_linear_boundary_demo.ipynb",
            ),
            ("handwritten MNIST digits", "multivariate_logistic_regression_demo.ipynb"),
            ("Fashion-MNIST clothes", "multivariate_logistic_regression_fashion_demo.ipynb"),
        ],
        "logistic_regression_exercises.ipynb",
    ),
    (
        "K-means clustering",
        "k_means",
        ["homemade/k_means/k_means.py"],
        [
            ("Iris without its labels", "k_means_demo.ipynb"),
            ("image compression: a photo in 16 colours", "k_means_image_compression_demo.ipynb"),
        ],
        "k_means_exercises.ipynb",
    ),
    (
        "Principal component analysis",
        "principal_component_analysis",
        ["homemade/principal_component_analysis/pca.py"],
        [("correlated points and the MNIST digits", "pca_demo.ipynb")],
        "pca_exercises.ipynb",
    ),
    (
        "Multilayer perceptron",
        "neural_network",
        [
            "homemade/neural_network/network.py",
            "homemade/neural_network/optimizers.py",
            "homemade/neural_network/multilayer_perceptron.py",
        ],
        [
            ("handwritten MNIST digits", "multilayer_perceptron_demo.ipynb"),
            ("Fashion-MNIST clothes", "multilayer_perceptron_fashion_demo.ipynb"),
        ],
        "multilayer_perceptron_exercises.ipynb",
    ),
    (
        "Anomaly detection (Gaussian)",
        "anomaly_detection",
        [
            "homemade/anomaly_detection/gaussian.py",
            "homemade/anomaly_detection/gaussian_anomaly_detection.py",
        ],
        [("unusual servers: latency and throughput", "anomaly_detection_gaussian_demo.ipynb")],
        "anomaly_detection_exercises.ipynb",
    ),
]


def _links(path):
    view = f"https://nbviewer.org/github/{REPO}/blob/HEAD/{path}"
    launch = f"https://mybinder.org/v2/gh/{REPO}/HEAD?urlpath=lab/tree/{path}"
    return f"[view]({view}) · [launch]({launch})"


def table():
    """The Markdown table, one row per demo, the exercises beside each algorithm's first."""
    rows = [
        "| algorithm | math | code | demo | nbviewer · Binder | exercises |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, folder, code, demos, exercises in ALGORITHMS:
        for index, (title, notebook) in enumerate(demos):
            path = f"notebooks/{folder}/{notebook}"
            cells = ["", "", "", f"[{title}]({path})", _links(path), ""]
            if index == 0:
                code_links = ", ".join(f"[`{pathlib.Path(c).name}`]({c})" for c in code)
                cells[0] = f"**{name}**"
                cells[1] = f"[math](homemade/{folder}/README.md)"
                cells[2] = code_links
                exercise_path = f"notebooks/{folder}/{exercises}"
                cells[5] = f"[write it yourself]({exercise_path}) ({_links(exercise_path)})"
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def write(readme=ROOT / "README.md"):
    text = readme.read_text()
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if len(pattern.findall(text)) != 1:
        raise SystemExit(f"{readme}: needs exactly one {START} … {END} block")
    readme.write_text(pattern.sub(lambda _: f"{START}\n{table()}\n{END}", text))


if __name__ == "__main__":
    write()
