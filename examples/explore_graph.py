"""Explore a nergraph co-occurrence graph with networkx and pandas.

Read this file from top to bottom like a notebook: each numbered step does one thing and prints
what it found. Make a graph first, then point the script at it:

    cargo run --release -- build samples          # writes out/graph.json
    python3 examples/explore_graph.py             # reads out/graph.json
    python3 examples/explore_graph.py out/graph.json --top 20 --picture top.png

Needs networkx (3.4 or newer) and pandas. matplotlib is optional: without it, step 5 (the picture)
is skipped with a note. The script only reads the JSON; it never changes it.
"""

import argparse
import json
import textwrap
from pathlib import Path

import networkx as nx
import pandas as pd

# ---------------------------------------------------------------------------------------------
# 0. Command line
# ---------------------------------------------------------------------------------------------

parser = argparse.ArgumentParser(description="Explore a nergraph graph.json: rankings, pairs, a picture.")
parser.add_argument("graph", nargs="?", default="out/graph.json", help="the graph.json to read (default: out/graph.json)")
parser.add_argument("--top", type=int, default=15, metavar="N", help="entities in the picture (default: 15)")
parser.add_argument("--picture", metavar="PATH", help="where to save the picture (default: top-entities.png next to the JSON)")
args = parser.parse_args()

graph_path = Path(args.graph)
if not graph_path.is_file():
    parser.error(f"{graph_path} does not exist; make it with `nergraph build INPUT... -o {graph_path.parent}`")
if args.top < 1:
    parser.error("--top must be at least 1")
picture_path = Path(args.picture) if args.picture else graph_path.parent / "top-entities.png"

# How many rows the rankings show, and how long an evidence snippet may be when printed.
TABLE_ROWS = 10
SNIPPET_CHARS = 160


def heading(title):
    """Prints a section title, so the output reads like the steps of this file."""
    print(f"\n== {title} ==")


# ---------------------------------------------------------------------------------------------
# 1. Load the graph
# ---------------------------------------------------------------------------------------------
# graph.json is node-link JSON. networkx 3.6 reads its "edges" key by default; naming the key
# explicitly also makes the call work, without a warning, on networkx 3.4 and 3.5.

data = json.loads(graph_path.read_text(encoding="utf-8"))
G = nx.node_link_graph(data, edges="edges")

heading("1. The graph")
print(f"file:      {graph_path}")
print(f"window:    {G.graph.get('window')}  (entities are linked when they share one)")
print(f"documents: {G.graph.get('documents')}")
print(f"entities:  {G.number_of_nodes()}")
print(f"links:     {G.number_of_edges()}")
if G.number_of_nodes() == 0:
    raise SystemExit("the graph has no entities: nothing to explore")

# ---------------------------------------------------------------------------------------------
# 2. Nodes and edges as pandas tables
# ---------------------------------------------------------------------------------------------
# One row per entity and one row per link. The node id (e.g. "person:dominic-raab") becomes the
# "id" column. Each link also gets its two entities' names, which are easier to read than ids.

nodes = pd.DataFrame([{"id": node, **attrs} for node, attrs in G.nodes(data=True)])
edges = pd.DataFrame([{"source": u, "target": v, **attrs} for u, v, attrs in G.edges(data=True)])

names = dict(G.nodes(data="name"))
if not edges.empty:
    edges["source_name"] = edges["source"].map(names)
    edges["target_name"] = edges["target"].map(names)

heading("2. Tables")
print(f"nodes: {len(nodes)} rows, columns {list(nodes.columns)}")
print(f"edges: {len(edges)} rows, columns {list(edges.columns)}")
print("\nentities per type:")
print(nodes["type"].value_counts().sort_index().to_string())

# ---------------------------------------------------------------------------------------------
# 3. Who is most connected?
# ---------------------------------------------------------------------------------------------
# Degree counts how many different entities an entity appears with. Weighted degree adds up the
# link weights, i.e. the number of shared windows (sentences by default): it rewards entities
# that appear with others often, not just with many others.
# Ties are broken by name (then id), so the output is the same on every run.

nodes["degree"] = nodes["id"].map(dict(G.degree()))
nodes["weighted_degree"] = nodes["id"].map(dict(G.degree(weight="weight")))


def top_entities(column, n):
    """The n entities with the highest value in column; ties in name order."""
    return nodes.sort_values([column, "name", "id"], ascending=[False, True, True]).head(n)


COLUMNS = ["name", "type", "degree", "weighted_degree", "mentions", "documents"]

heading(f"3a. Top {TABLE_ROWS} entities by degree (number of different partners)")
print(top_entities("degree", TABLE_ROWS)[COLUMNS].to_string(index=False))

heading(f"3b. Top {TABLE_ROWS} entities by weighted degree (shared windows, summed)")
print(top_entities("weighted_degree", TABLE_ROWS)[COLUMNS].to_string(index=False))

# ---------------------------------------------------------------------------------------------
# 4. Which pairs belong together?
# ---------------------------------------------------------------------------------------------
# "weight" is the raw count of shared windows: it favours entities that are mentioned a lot.
# npmi (normalised pointwise mutual information, -1 ... 1) asks instead whether two entities
# appear together more often than their own frequencies would predict. Its weakness is rare
# pairs: two entities that are each mentioned once, in the same sentence, get the maximum npmi
# of 1.0 from a single coincidence. Requiring at least MIN_COUNT shared windows filters out those
# one-off pairs, so the npmi list shows associations that repeat.

MIN_COUNT = 2


def first_snippet(evidence):
    """The first evidence window of a link as 'doc: text', shortened; a note when there is none."""
    if not isinstance(evidence, list) or not evidence:
        return "(no evidence kept; see `nergraph build --evidence N`)"
    first = evidence[0]
    text = " ".join(str(first.get("text", "")).split())  # one line, single spaces
    return f"{first.get('doc')}: {textwrap.shorten(text, SNIPPET_CHARS, placeholder=' ...')}"


def print_pairs(table):
    """Prints each pair with its count, npmi and first evidence snippet."""
    if table.empty:
        print("(no pairs)")
        return
    for rank, row in enumerate(table.itertuples(index=False), start=1):
        print(f"{rank:2}. {row.source_name} -- {row.target_name}: "
              f"count {row.weight}, npmi {row.npmi:.3f}")
        print(f"    {first_snippet(row.evidence)}")


PAIR_ORDER = ["source_name", "target_name"]  # ties in name order

heading(f"4a. Strongest {TABLE_ROWS} pairs by count (shared windows)")
if edges.empty:
    print("(the graph has no links)")
else:
    by_count = edges.sort_values(["weight", *PAIR_ORDER], ascending=[False, True, True])
    print_pairs(by_count.head(TABLE_ROWS))

heading(f"4b. Strongest {TABLE_ROWS} pairs by npmi (count >= {MIN_COUNT})")
if edges.empty:
    print("(the graph has no links)")
else:
    repeated = edges[edges["weight"] >= MIN_COUNT]
    by_npmi = repeated.sort_values(["npmi", *PAIR_ORDER], ascending=[False, True, True])
    print_pairs(by_npmi.head(TABLE_ROWS))

# ---------------------------------------------------------------------------------------------
# 5. A picture of the core
# ---------------------------------------------------------------------------------------------
# The whole graph is usually a hairball, so draw only the top N entities by weighted degree and
# the links among them. The spring layout pulls linked entities together; its fixed seed makes
# the picture the same on every run. Colours follow graph.dot: people blue, organisations green,
# countries orange. Node size grows with weighted degree, line width with the link's count.

heading(f"5. Picture of the top {args.top} entities by weighted degree")

try:
    import matplotlib

    matplotlib.use("Agg")  # draw to a file; no window or display needed
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
except ImportError:
    plt = None

if plt is None:
    print("matplotlib is not installed; skipped the drawing (pip install matplotlib to get it)")
else:
    COLOURS = {"PERSON": "#4c78a8", "ORG": "#54a24b", "COUNTRY": "#f58518"}
    OTHER = "#9d9d9d"

    # Build the subgraph node by node in ranking order. (G.subgraph() would do, but its node order
    # can change from run to run, and the layout's seeded start positions follow that order.)
    core_ids = list(top_entities("weighted_degree", args.top)["id"])
    core = nx.Graph()
    core.add_nodes_from((n, G.nodes[n]) for n in core_ids)
    core.add_edges_from((u, v, G.edges[u, v]) for u, v in G.edges(core_ids) if u in core and v in core)
    positions = nx.spring_layout(core, seed=42, weight="weight")

    strength = dict(core.degree(weight="weight"))
    largest = max(strength.values(), default=0) or 1
    node_list = list(core.nodes())

    fig, ax = plt.subplots(figsize=(10, 8))
    nx.draw_networkx_edges(
        core, positions, ax=ax, alpha=0.4, edge_color="#666666",
        width=[0.5 + 0.5 * w for _, _, w in core.edges(data="weight")],
    )
    nx.draw_networkx_nodes(
        core, positions, ax=ax, nodelist=node_list,
        node_color=[COLOURS.get(core.nodes[n].get("type"), OTHER) for n in node_list],
        node_size=[200 + 1300 * strength[n] / largest for n in node_list],
    )
    nx.draw_networkx_labels(core, positions, ax=ax, labels={n: core.nodes[n]["name"] for n in node_list}, font_size=9)

    legend = [
        Line2D([], [], marker="o", linestyle="", markersize=10, color=colour, label=kind)
        for kind, colour in COLOURS.items()
    ]
    ax.legend(handles=legend, loc="best", frameon=False)
    ax.set_title(f"Top {core.number_of_nodes()} entities by weighted degree ({graph_path.name})")
    ax.axis("off")
    fig.tight_layout()

    picture_path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(picture_path, dpi=150)
    plt.close(fig)
    print(f"saved the picture to {picture_path}")
