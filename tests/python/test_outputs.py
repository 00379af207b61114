"""Checks that nergraph's outputs load in the tools they are written for.

graph.json must load with ``networkx.node_link_graph`` (networkx 3.6) without any warning, and
graph.dot must render with Graphviz's ``sfdp`` into well-formed SVG.

The binary is run from the repository root: ``cargo run --quiet --`` (which builds it if needed), or
``target/debug/nergraph`` when cargo is not on PATH, or the path in ``NERGRAPH_BIN``.
"""

import json
import os
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

import nergraph_cli

from nergraph_cli import REPO
SVG = "{http://www.w3.org/2000/svg}"


def run_nergraph(*args):
    """Runs nergraph from the repository root and returns the completed process."""
    return nergraph_cli.run(*args)


def require_graphviz(engine):
    """Returns the path of a Graphviz engine; skips (or fails under CI) when it is missing."""
    path = shutil.which(engine)
    if path is None:
        message = f"Graphviz `{engine}` is not on PATH: install graphviz (apt-get install -y graphviz)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    """Builds the sample corpus once; returns the output folder and the parsed graph.json."""
    out = tmp_path_factory.mktemp("out")
    run_nergraph("build", "samples", "-o", str(out))
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    return out, data


def load_strict(data):
    """nx.node_link_graph with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return nx.node_link_graph(data)


def test_networkx_version_is_the_pinned_one():
    assert nx.__version__ == "3.6.1"


def test_graph_json_loads_into_an_undirected_simple_graph(sample_build):
    _, data = sample_build
    graph = load_strict(data)
    assert type(graph) is nx.Graph
    assert not graph.is_directed()
    assert not graph.is_multigraph()
    assert graph.number_of_nodes() == len(data["nodes"]) > 0
    assert graph.number_of_edges() == len(data["edges"]) > 0
    assert sorted(graph.nodes) == sorted(node["id"] for node in data["nodes"])
    assert graph.graph["window"] == "sentence"
    sample_files = [p for p in (REPO / "samples").iterdir() if p.suffix.lower() in (".txt", ".md")]
    assert graph.graph["documents"] == len(sample_files)


def test_node_and_edge_attributes_have_the_right_types(sample_build):
    _, data = sample_build
    graph = load_strict(data)
    for node_id, attrs in graph.nodes(data=True):
        assert isinstance(node_id, str)
        assert isinstance(attrs["name"], str) and attrs["name"]
        assert attrs["type"] in {"PERSON", "ORG", "COUNTRY"}
        for key in ("mentions", "documents"):
            assert type(attrs[key]) is int, (node_id, key, attrs[key])
        assert attrs["mentions"] >= attrs["documents"] >= 1
    for source, target, attrs in graph.edges(data=True):
        for key in ("weight", "documents"):
            assert type(attrs[key]) is int, (source, target, key, attrs[key])
        assert attrs["weight"] >= attrs["documents"] >= 1
        assert isinstance(attrs["evidence"], list)
        for item in attrs["evidence"]:
            assert isinstance(item["doc"], str)
            assert type(item["start"]) is int and type(item["end"]) is int
            assert 0 <= item["start"] < item["end"]
            assert isinstance(item["text"], str) and item["text"]


def test_graph_json_survives_a_networkx_round_trip(sample_build):
    _, data = sample_build
    graph = load_strict(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = nx.node_link_data(graph)
    assert sorted(n["id"] for n in again["nodes"]) == [n["id"] for n in data["nodes"]]
    pairs = sorted(tuple(sorted((e["source"], e["target"]))) for e in again["edges"])
    assert pairs == [(e["source"], e["target"]) for e in data["edges"]]


def test_weighted_analysis_works(sample_build):
    _, data = sample_build
    graph = load_strict(data)
    degree = dict(graph.degree(weight="weight"))
    assert degree["person:dominic-raab"] > 0
    assert graph.has_edge("person:antony-blinken", "person:dominic-raab")
    assert graph.has_edge("country:CN", "country:US")
    assert nx.number_connected_components(graph) >= 1


def render_svg(dot_file, engine="sfdp"):
    """Renders a DOT file with a Graphviz engine and parses the SVG."""
    exe = require_graphviz(engine)
    result = subprocess.run([exe, "-Tsvg", str(dot_file)], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return ET.fromstring(result.stdout)


def svg_groups(root, cls):
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == cls]


def test_graph_dot_renders_with_sfdp_into_well_formed_svg(sample_build):
    out, data = sample_build
    root = render_svg(out / "graph.dot")
    assert root.tag == f"{SVG}svg"
    assert len(svg_groups(root, "node")) == len(data["nodes"])
    assert len(svg_groups(root, "edge")) == len(data["edges"])
    labels = {t.text for t in root.iter(f"{SVG}text")}
    for node in data["nodes"]:
        assert node["name"] in labels, node


HOSTILE_GAZETTEER = (
    'org:quoted\tORG\tAcme "Quoted" \\ Co\n'
    "person:markup\tPERSON\tAlice <b>Bold</b> & {Braces} ]]> End\n"
    "org:brace+angle\tORG\tBrace & Angle Ltd\n"
    "country:rtl\tCOUNTRY\tRight\u200fLand\n"
)
HOSTILE_TEXT = (
    'Acme "Quoted" \\ Co met Alice <b>Bold</b> & {Braces} ]]> End and Brace & Angle Ltd '
    "in Right\u200fLand today.\n"
)


def test_hostile_names_load_in_networkx_and_render_as_xml(tmp_path):
    (tmp_path / "hostile.tsv").write_text(HOSTILE_GAZETTEER, encoding="utf-8")
    (tmp_path / "in.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    run_nergraph(
        "build",
        "--no-default-gazetteers",
        "-g",
        str(tmp_path / "hostile.tsv"),
        str(tmp_path / "in.txt"),
        "-o",
        str(out),
    )
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    graph = load_strict(data)
    names = dict(graph.nodes(data="name"))
    assert names == {
        'org:quoted': 'Acme "Quoted" \\ Co',
        "person:markup": "Alice <b>Bold</b> & {Braces} ]]> End",
        "org:brace+angle": "Brace & Angle Ltd",
        "country:rtl": "Right\u200fLand",
    }
    assert graph.number_of_edges() == 6
    root = render_svg(out / "graph.dot")
    labels = {t.text for t in root.iter(f"{SVG}text")}
    assert set(names.values()) <= labels, labels
    titles = {g.find(f"{SVG}title").text for g in svg_groups(root, "node")}
    assert titles == set(names)
