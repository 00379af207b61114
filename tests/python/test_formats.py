"""Checks that every export format loads in the reader people use, and agrees with graph.json.

``examples/export_all.rs`` writes graph.json, graph.graphml, graph.gexf, nodes.csv and edges.csv for
one graph: the sample corpus with the default gazetteers, or (``--hostile``) a small graph whose names
need escaping. Each file is loaded with its real reader, with warnings turned into errors:

- graph.json: ``networkx.node_link_graph``
- graph.graphml: ``networkx.read_graphml``
- graph.gexf: ``networkx.read_gexf``
- nodes.csv, edges.csv: ``pandas.read_csv``

and every node's name, type, mentions and documents and every edge's weight, documents and first
evidence snippet must agree with the JSON.

The example is run from the repository root with ``cargo run --quiet --example export_all --``, or
``target/debug/examples/export_all`` when cargo is not on PATH, or the path in ``NERGRAPH_EXPORT_ALL``.
"""

import json
import warnings

import networkx as nx
import pandas as pd
import pytest

import nergraph_cli

from nergraph_cli import REPO

# Read every text column as text and no string as a missing value (a name may be "NA" or "123").
CSV_OPTIONS = {"keep_default_na": False, "na_values": []}
NODE_TEXT = {"id": str, "name": str, "type": str}
EDGE_TEXT = {"source": str, "target": str, "first_evidence": str}

HOSTILE_NAMES = {
    "org:quoted": 'Acme "Quoted" \\ Co',
    "person:markup": "Alice <b>Bold</b> -- & {Braces} ]]> End",
    "org:comma,id": "Smith, Jones & Co",
    "country:rtl": "Right\u200f\u202eLand",
    "org:apostrophe": "O'Brien's 'Apostrophe' Ltd",
    "org:na": "NA",
}


def export_all(out, *flags):
    """Writes every format into `out` and returns the folder."""
    nergraph_cli.run(*flags, out, example="export_all")
    return out


def strict(load, *args, **kwargs):
    """Calls a reader with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return load(*args, **kwargs)


def xml_readback(text):
    """What an XML reader gets back: characters XML 1.0 forbids come back as U+FFFD."""
    return "".join(
        "\ufffd" if (ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" else c
        for c in text
    )


class Formats:
    """Every format of one graph, loaded."""

    def __init__(self, folder):
        self.folder = folder
        self.data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
        self.json = strict(nx.node_link_graph, self.data)
        self.graphml = strict(nx.read_graphml, folder / "graph.graphml")
        self.gexf = strict(nx.read_gexf, folder / "graph.gexf")
        self.nodes = strict(
            pd.read_csv, folder / "nodes.csv", dtype=NODE_TEXT, **CSV_OPTIONS
        )
        self.edges = strict(
            pd.read_csv, folder / "edges.csv", dtype=EDGE_TEXT, **CSV_OPTIONS
        )

    def first_evidence(self, edge):
        """The first evidence snippet of a JSON edge, or None."""
        return edge["evidence"][0]["text"] if edge["evidence"] else None


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """The sample corpus with the default gazetteers, in every format."""
    return Formats(export_all(tmp_path_factory.mktemp("samples")))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile-names graph, in every format."""
    return Formats(export_all(tmp_path_factory.mktemp("hostile"), "--hostile"))


@pytest.fixture(params=["samples", "hostile"])
def formats(request):
    """Each graph in turn."""
    return request.getfixturevalue(request.param)


def test_pinned_versions():
    assert nx.__version__ == "3.6.1"
    assert pd.__version__ == "3.1.1"


def test_every_format_has_the_same_nodes_and_edges(formats):
    data = formats.data
    node_ids = [n["id"] for n in data["nodes"]]
    pairs = {(e["source"], e["target"]) for e in data["edges"]}
    assert node_ids and pairs
    for graph in (formats.json, formats.graphml, formats.gexf):
        assert type(graph) is nx.Graph
        assert sorted(graph.nodes) == sorted(node_ids)
        assert graph.number_of_edges() == len(data["edges"])
        assert {tuple(sorted(edge)) for edge in graph.edges} == pairs
    # The tables keep the JSON's order, row for row.
    assert list(formats.nodes["id"]) == node_ids
    assert list(zip(formats.edges["source"], formats.edges["target"])) == [
        (e["source"], e["target"]) for e in data["edges"]
    ]


def test_graphml_agrees_with_the_json(formats):
    data, graph = formats.data, formats.graphml
    for key in ("nergraph_version", "window", "documents"):
        assert graph.graph[key] == data["graph"][key], key
    assert type(graph.graph["documents"]) is int
    for node in data["nodes"]:
        attrs = graph.nodes[node["id"]]
        assert attrs["name"] == xml_readback(node["name"])
        assert attrs["type"] == node["type"]
        for key in ("mentions", "documents"):
            assert type(attrs[key]) is int and attrs[key] == node[key], (node["id"], key)
    for edge in data["edges"]:
        attrs = graph.edges[edge["source"], edge["target"]]
        for key in ("weight", "documents"):
            assert type(attrs[key]) is int and attrs[key] == edge[key], (edge, key)
        assert "id" not in attrs
        first = formats.first_evidence(edge)
        assert attrs.get("first_evidence") == (first and xml_readback(first))


def test_gexf_agrees_with_the_json(formats):
    data, graph = formats.data, formats.gexf
    for node in data["nodes"]:
        attrs = graph.nodes[node["id"]]
        assert attrs["label"] == xml_readback(node["name"])
        assert attrs["type"] == node["type"]
        for key in ("mentions", "documents"):
            assert type(attrs[key]) is int and attrs[key] == node[key], (node["id"], key)
    for index, edge in enumerate(data["edges"]):
        attrs = graph.edges[edge["source"], edge["target"]]
        # GEXF weights are doubles: networkx reads them as floats.
        assert attrs["weight"] == float(edge["weight"])
        assert type(attrs["documents"]) is int and attrs["documents"] == edge["documents"]
        assert attrs["id"] == f"e{index}"
        first = formats.first_evidence(edge)
        assert attrs.get("first_evidence") == (first and xml_readback(first))


def test_csv_agrees_with_the_json(formats):
    data, nodes, edges = formats.data, formats.nodes, formats.edges
    assert list(nodes.columns) == [
        "id", "name", "type", "mentions", "documents", "windows", "community"
    ]
    assert list(edges.columns) == [
        "source", "target", "weight", "documents",
        "pmi", "npmi", "jaccard", "dice", "assoc", "first_evidence",
    ]
    for column in ("mentions", "documents", "windows", "community"):
        assert nodes[column].dtype == "int64", column
    for column in ("weight", "documents"):
        assert edges[column].dtype == "int64", column
    rows = nodes.to_dict("records")
    assert len(rows) == len(data["nodes"])
    for row, node in zip(rows, data["nodes"]):
        assert row == {key: node[key] for key in row}, node["id"]
    rows = edges.to_dict("records")
    assert len(rows) == len(data["edges"])
    for row, edge in zip(rows, data["edges"]):
        # CSV keeps every character, control characters included.
        assert row["first_evidence"] == (formats.first_evidence(edge) or "")
        assert (row["source"], row["target"], row["weight"], row["documents"]) == (
            edge["source"],
            edge["target"],
            edge["weight"],
            edge["documents"],
        )
        for measure in ("pmi", "npmi", "jaccard", "dice", "assoc"):
            assert row[measure] == edge[measure], (edge["source"], edge["target"], measure)


def test_weighted_analysis_gives_the_same_answer_in_every_format(formats):
    expected = dict(formats.json.degree(weight="weight"))
    assert dict(formats.graphml.degree(weight="weight")) == expected
    assert dict(formats.gexf.degree(weight="weight")) == pytest.approx(expected)
    from_csv = nx.from_pandas_edgelist(formats.edges, edge_attr=["weight"])
    from_csv.add_nodes_from(formats.nodes["id"])
    assert dict(from_csv.degree(weight="weight")) == expected


def test_hostile_names_read_back_in_every_format(hostile):
    loaded = hostile
    assert dict(loaded.json.nodes(data="name")) == HOSTILE_NAMES
    assert dict(loaded.graphml.nodes(data="name")) == HOSTILE_NAMES
    assert dict(loaded.gexf.nodes(data="label")) == HOSTILE_NAMES
    assert dict(zip(loaded.nodes["id"], loaded.nodes["name"])) == HOSTILE_NAMES
    # The first sentence holds a bell character: XML cannot, so it comes back as U+FFFD there.
    evidence = loaded.edges["first_evidence"]
    assert evidence.str.contains("\x07").any()
    snippets = nx.get_edge_attributes(loaded.graphml, "first_evidence").values()
    assert any("Land\ufffd today" in s for s in snippets)
    assert not any("\x07" in s for s in snippets)


def test_sample_graph_looks_like_the_cli_build(samples):
    formats = samples
    sample_files = [p for p in (REPO / "samples").iterdir() if p.suffix.lower() in (".txt", ".md")]
    assert formats.graphml.graph["documents"] == len(sample_files)
    assert formats.graphml.has_edge("person:antony-blinken", "person:dominic-raab")
    assert formats.gexf.has_edge("country:CN", "country:US")
