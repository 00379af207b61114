"""Checks that ``examples/explore_graph.py`` runs on a real graph.json and prints sensible results.

The sample corpus is built with nergraph (run from the repository root as in test_outputs.py:
``cargo run --quiet --``, or ``target/debug/nergraph`` when cargo is not on PATH, or the path in
``NERGRAPH_BIN``), then the example script is run on it with this Python. The drawing step needs
matplotlib, which is not a test requirement: with it, the PNG must be written; without it, the
script must say that it skipped the drawing.
"""

import importlib.util
import json
import subprocess
import sys
from collections import Counter

import pytest

import nergraph_cli

from nergraph_cli import REPO
SCRIPT = REPO / "examples" / "explore_graph.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory):
    """Builds the sample corpus once; returns the path of graph.json and its parsed contents."""
    out = tmp_path_factory.mktemp("out")
    nergraph_cli.run("build", "samples", "-o", out)
    path = out / "graph.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


def run_example(*args):
    """Runs the example script with this Python from the repository root."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def section(stdout, number):
    """The printed text of one numbered step, e.g. "3b", up to the next heading."""
    marker = f"== {number}. "
    assert marker in stdout, f"no section {number} in the output:\n{stdout}"
    return stdout.split(marker, 1)[1].split("\n== ", 1)[0]


def top_by(scores, data):
    """The name of the entity with the highest score; ties by name, as the script breaks them."""
    names = {node["id"]: node["name"] for node in data["nodes"]}
    best = min(names, key=lambda node: (-scores[node], names[node], node))
    return names[best]


def test_example_prints_rankings_and_pairs_and_draws_or_skips(sample_graph, tmp_path):
    graph_path, data = sample_graph
    picture = tmp_path / "p.png"
    result = run_example(graph_path, "--top", 5, "--picture", picture)
    assert result.returncode == 0, f"explore_graph.py failed:\n{result.stderr}"
    out = result.stdout

    # The rankings, computed here straight from the JSON rather than with networkx.
    degree, weighted = Counter(), Counter()
    for edge in data["edges"]:
        for end in (edge["source"], edge["target"]):
            degree[end] += 1
            weighted[end] += edge["weight"]
    by_degree = section(out, "3a").strip().splitlines()
    by_weight = section(out, "3b").strip().splitlines()
    # Line 0 is the title, line 1 the table header, line 2 the first entity.
    assert top_by(degree, data) in by_degree[2], out
    assert top_by(weighted, data) in by_weight[2], out
    # Every ranked row names an entity of the graph, with its type.
    types = {node["name"]: node["type"] for node in data["nodes"]}
    for row in by_degree[2:] + by_weight[2:]:
        matches = [name for name in types if row.strip().startswith(name + " ")]
        assert matches, f"row names no entity of the graph: {row!r}"
        assert any(types[name] in row for name in matches), row

    # The strongest pair by count is listed first, with an evidence snippet under it.
    names = {node["id"]: node["name"] for node in data["nodes"]}
    strongest = min(data["edges"], key=lambda e: (-e["weight"], names[e["source"]], names[e["target"]]))
    pairs = section(out, "4a").strip().splitlines()
    assert f"{names[strongest['source']]} -- {names[strongest['target']]}: count {strongest['weight']}" in pairs[1]
    assert strongest["evidence"][0]["doc"] in pairs[2]
    # The npmi list only shows pairs seen at least twice.
    npmi_pairs = section(out, "4b")
    assert "count 1," not in npmi_pairs

    if importlib.util.find_spec("matplotlib") is not None:
        assert picture.is_file(), out
        assert picture.read_bytes()[:8] == PNG_SIGNATURE
        assert str(picture) in section(out, "5")
    else:
        assert "skipped the drawing" in section(out, "5")
        assert not picture.exists()


def test_example_output_is_the_same_on_every_run(sample_graph, tmp_path):
    graph_path, _ = sample_graph
    runs = [run_example(graph_path, "--top", 5, "--picture", tmp_path / "p.png") for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout


def test_example_reports_a_missing_graph(tmp_path):
    result = run_example(tmp_path / "missing.json")
    assert result.returncode == 2
    assert "does not exist" in result.stderr
