//! Communities: groups of entities that co-occur with each other more than with the rest, found with
//! the Louvain method.
//!
//! A partition of the nodes into communities is scored by its *modularity* (Newman), for a graph with
//! non-negative edge weights:
//!
//! ```text
//! Q = Σ_c [ L_c / m − γ (d_c / 2m)² ]
//! ```
//!
//! where `m` is the sum of all edge weights, `L_c` the sum of the weights of the edges inside
//! community `c`, `d_c` the sum of the weighted degrees of its nodes (a self-loop counts twice in a
//! degree and once in `L_c`), and `γ` the [`RESOLUTION`], fixed at 1 (standard modularity). `Q` is
//! the share of the weight inside communities minus the share expected if edges were placed at
//! random with the same degrees; it is at most 1, and 0 when all nodes form one community.
//!
//! The Louvain method (Blondel, Guillaume, Lambiotte and Lefebvre, 2008) finds a partition with high
//! modularity in two phases, repeated:
//!
//! 1. *Local moving.* Every node starts alone. Nodes are visited in index order, and each moves to
//!    the neighbouring community that increases `Q` the most. Moving node `i` (weighted degree `k_i`)
//!    out of its community `A` and into `B` changes `Q` by
//!    `[(k_iB − k_iA) − γ k_i (D_B − D_A) / 2m] / m`, where `k_iX` is the weight of `i`'s edges into
//!    `X` and `D_X` the total degree of `X` without `i`. Passes over all nodes repeat until none
//!    moves.
//! 2. *Aggregation.* Each community becomes one node of a smaller graph: the weights of edges
//!    between two communities are summed into one edge, and the weight inside a community becomes
//!    a self-loop. `Q` of a partition of the smaller graph equals `Q` of the corresponding partition
//!    of the original one.
//!
//! The method stops at the first level where no node moves.
//!
//! The result is deterministic: nodes are visited in index order (the graph's nodes are sorted by
//! entity id), a node moves only if that increases `Q` by more than a rounding margin, among
//! equally good communities it joins the one with the smallest index, and no randomness or hash
//! order is involved. Communities are then numbered 0, 1, 2, … by decreasing size, ties broken by the
//! smallest node index in the community.
//!
//! Edge weights come from a function of the edge (for example the co-occurrence count,
//! `|e| e.weight as f64`) and must be finite and non-negative; edges of weight 0 are ignored. Nodes
//! without edges of positive weight each form a community of their own, and nodes of different
//! connected components never share one. Each pass of local moving and each aggregation take time
//! linear in the number of edges, on adjacency lists built once per level.
//!
//! Caveats: Louvain finds a local optimum of `Q`, not necessarily the best partition. Like all
//! modularity methods at resolution 1 it may merge small, clearly separate groups in a large graph
//! (the resolution limit of Fortunato and Barthélemy), and a community may come out internally
//! badly connected (Traag, Waltman and van Eck, who proposed the Leiden method to fix this).
//!
//! ```
//! use nergraph::{gazetteer::GazetteerBuilder, graph::{community, CooccurrenceCounter, Window}, tagger::Tagger, text::normalize};
//!
//! let mut builder = GazetteerBuilder::new();
//! builder.add_source("demo.tsv", "country:A\tCOUNTRY\tAlpha\ncountry:B\tCOUNTRY\tBravo\ncountry:C\tCOUNTRY\tCharlie\ncountry:D\tCOUNTRY\tDelta\n")?;
//! let tagger = Tagger::new(builder.build()?)?;
//! let mut counter = CooccurrenceCounter::new(Window::Sentence);
//! let normalized = normalize("Alpha and Bravo met. Charlie and Delta met. Alpha and Bravo left.");
//! counter.add_document("doc.txt", &normalized, &tagger.tag_normalized(&normalized));
//! let graph = counter.finish(tagger.gazetteer());
//!
//! let communities = community::louvain(&graph, |e| e.weight as f64);
//! assert_eq!(communities.len(), 2);
//! // Nodes are sorted by id: A, B, C, D.
//! assert_eq!(communities.labels(), [0, 0, 1, 1]);
//! // m = 2 + 1; Q = 2/3 − (4/6)² + 1/3 − (2/6)² = 4/9.
//! assert!((communities.modularity() - 4.0 / 9.0).abs() < 1e-12);
//! # Ok::<(), nergraph::Error>(())
//! ```

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::{CooccurrenceEdge, CooccurrenceGraph};

/// The resolution `γ` of the modularity that [`louvain`] optimises and [`modularity`] computes:
/// 1, standard modularity. Larger values would favour more, smaller communities.
pub const RESOLUTION: f64 = 1.0;

/// How much a move must increase the modularity to be made, so that rounding errors cannot make
/// nodes go back and forth.
const MIN_GAIN: f64 = 1e-12;

/// A partition of a graph's nodes into communities, as found by [`louvain`].
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    labels: Vec<usize>,
    count: usize,
    modularity: f64,
}

impl Communities {
    /// The community of `node`, from 0 to [`len`](Self::len) − 1; 0 is the largest.
    ///
    /// # Panics
    ///
    /// If `node` is not a node of the graph the communities were found in.
    pub fn of(&self, node: NodeIndex) -> usize {
        self.labels[node.index()]
    }

    /// The number of communities.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there are no communities, that is, the graph has no nodes.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The modularity of the partition (see the [module documentation](self)); 0 for a graph
    /// without edges of positive weight.
    pub fn modularity(&self) -> f64 {
        self.modularity
    }

    /// The community of every node, by node index.
    pub fn labels(&self) -> &[usize] {
        &self.labels
    }
}

/// Finds communities with the Louvain method (see the [module documentation](self)), using
/// `weight` as the weight of each edge.
///
/// # Panics
///
/// If `weight` returns a negative, infinite or NaN value.
pub fn louvain(
    graph: &CooccurrenceGraph,
    weight: impl Fn(&CooccurrenceEdge) -> f64,
) -> Communities {
    let n = graph.node_count();
    let edges = weighted_edges(graph, &weight);
    let (assignment, _) = louvain_levels(n, &edges);
    let labels = renumber(&assignment);
    let count = labels.iter().max().map_or(0, |&l| l + 1);
    let modularity = modularity_of(n, &edges, &labels);
    Communities {
        labels,
        count,
        modularity,
    }
}

/// The modularity `Q` (see the [module documentation](self)) of the partition that gives node `i`
/// the community `labels[i]`, using `weight` as the weight of each edge. Labels may be any numbers;
/// nodes with equal labels are in the same community. 0 for a graph without edges of positive
/// weight.
///
/// # Panics
///
/// If `labels` does not have one entry per node, or `weight` returns a negative, infinite or NaN
/// value.
pub fn modularity(
    graph: &CooccurrenceGraph,
    weight: impl Fn(&CooccurrenceEdge) -> f64,
    labels: &[usize],
) -> f64 {
    assert_eq!(
        labels.len(),
        graph.node_count(),
        "modularity needs one label per node"
    );
    modularity_of(graph.node_count(), &weighted_edges(graph, &weight), labels)
}

/// An edge as `(source index, target index, weight)`.
type WeightedEdge = (usize, usize, f64);

/// The graph's edges in index order, with their weights checked.
fn weighted_edges(
    graph: &CooccurrenceGraph,
    weight: &impl Fn(&CooccurrenceEdge) -> f64,
) -> Vec<WeightedEdge> {
    let g = graph.graph();
    g.edge_references()
        .map(|e| {
            let w = weight(e.weight());
            assert!(
                w.is_finite() && w >= 0.0,
                "community detection needs finite, non-negative edge weights, got {w} for {} – {}",
                g[e.source()].id,
                g[e.target()].id
            );
            (e.source().index(), e.target().index(), w)
        })
        .collect()
}

/// Modularity of a partition of `n` nodes joined by `edges`.
fn modularity_of(n: usize, edges: &[WeightedEdge], labels: &[usize]) -> f64 {
    let mut m = 0.0;
    let mut degree = vec![0.0; n];
    for &(a, b, w) in edges {
        m += w;
        degree[a] += w;
        degree[b] += w;
    }
    if m == 0.0 {
        return 0.0;
    }
    // Per community: (internal weight L_c, total degree d_c), in label order for a fixed sum order.
    let mut communities: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    for (&label, &d) in labels.iter().zip(&degree) {
        communities.entry(label).or_default().1 += d;
    }
    for &(a, b, w) in edges {
        if labels[a] == labels[b] {
            if let Some(c) = communities.get_mut(&labels[a]) {
                c.0 += w;
            }
        }
    }
    communities
        .values()
        .map(|&(internal, total)| {
            let share = total / (2.0 * m);
            internal / m - RESOLUTION * share * share
        })
        .sum()
}

/// One level of the method: a graph as adjacency lists.
#[derive(Debug)]
struct Level {
    /// Where each node's neighbours start in `neighbours`; one more entry than nodes.
    start: Vec<usize>,
    /// `(neighbour, weight)` of every node, self-loops left out; every edge appears at both ends.
    neighbours: Vec<(usize, f64)>,
    /// The weight of each node's self-loops.
    self_loops: Vec<f64>,
    /// The weighted degree of each node, self-loops counted twice.
    degree: Vec<f64>,
}

impl Level {
    /// The graph of `n` nodes joined by `edges`, leaving out edges of weight 0.
    fn new(n: usize, edges: &[WeightedEdge]) -> Level {
        let mut self_loops = vec![0.0; n];
        let mut degree = vec![0.0; n];
        let mut start = vec![0; n + 1];
        for &(a, b, w) in edges {
            if w <= 0.0 {
                continue;
            }
            degree[a] += w;
            degree[b] += w;
            if a == b {
                self_loops[a] += w;
            } else {
                start[a + 1] += 1;
                start[b + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut neighbours = vec![(0, 0.0); start[n]];
        for &(a, b, w) in edges {
            if w <= 0.0 || a == b {
                continue;
            }
            neighbours[next[a]] = (b, w);
            next[a] += 1;
            neighbours[next[b]] = (a, w);
            next[b] += 1;
        }
        Level {
            start,
            neighbours,
            self_loops,
            degree,
        }
    }

    /// The number of nodes.
    fn len(&self) -> usize {
        self.degree.len()
    }

    /// The neighbours of node `i`, with the weights of the edges to them.
    fn neighbours(&self, i: usize) -> &[(usize, f64)] {
        &self.neighbours[self.start[i]..self.start[i + 1]]
    }

    /// Local moving on this level, for a graph of total edge weight `m`. Returns each node's
    /// community, numbered 0, 1, … in order of each community's first node, the number of
    /// communities, and whether any node moved.
    fn local_moving(&self, m: f64) -> (Vec<usize>, usize, bool) {
        let n = self.len();
        let mut community: Vec<usize> = (0..n).collect();
        // The total degree of each community.
        let mut total = self.degree.clone();
        // The weight of the current node's edges into each community, and which are non-zero.
        let mut link = vec![0.0; n];
        let mut seen = vec![false; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut moved_any = false;
        loop {
            let mut moved = false;
            for i in 0..n {
                let k = self.degree[i];
                if k == 0.0 {
                    continue;
                }
                for &(j, w) in self.neighbours(i) {
                    let c = community[j];
                    if !seen[c] {
                        seen[c] = true;
                        touched.push(c);
                    }
                    link[c] += w;
                }
                let own = community[i];
                total[own] -= k;
                // m times the change in Q when i joins c, up to a term that does not depend on c.
                let score = |c: usize| link[c] - RESOLUTION * k * total[c] / (2.0 * m);
                let stay = score(own);
                let mut best: Option<(usize, f64)> = None;
                for &c in &touched {
                    if c == own {
                        continue;
                    }
                    let s = score(c);
                    if best.is_none_or(|(b, bs)| s > bs || (s == bs && c < b)) {
                        best = Some((c, s));
                    }
                }
                let target = match best {
                    Some((c, s)) if s - stay > MIN_GAIN * m => c,
                    _ => own,
                };
                total[target] += k;
                if target != own {
                    community[i] = target;
                    moved = true;
                }
                for &c in &touched {
                    link[c] = 0.0;
                    seen[c] = false;
                }
                touched.clear();
            }
            if !moved {
                break;
            }
            moved_any = true;
        }
        // Renumber densely, in order of each community's first node.
        let mut dense = vec![usize::MAX; n];
        let mut count = 0;
        for c in &mut community {
            if dense[*c] == usize::MAX {
                dense[*c] = count;
                count += 1;
            }
            *c = dense[*c];
        }
        (community, count, moved_any)
    }

    /// The next level: one node per community (`community` numbered densely from 0 to `count`),
    /// joined by the summed weights between communities, with the weight inside as a self-loop.
    fn aggregate(&self, community: &[usize], count: usize) -> Level {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (i, &c) in community.iter().enumerate() {
            members[c].push(i);
        }
        let mut edges: Vec<WeightedEdge> = Vec::new();
        let mut link = vec![0.0; count];
        let mut touched: Vec<usize> = Vec::new();
        for (c, nodes) in members.iter().enumerate() {
            let mut inside = 0.0;
            let mut loops = 0.0;
            for &i in nodes {
                loops += self.self_loops[i];
                for &(j, w) in self.neighbours(i) {
                    let d = community[j];
                    if d == c {
                        inside += w;
                    } else if d > c {
                        if link[d] == 0.0 {
                            touched.push(d);
                        }
                        link[d] += w;
                    }
                }
            }
            // Edges inside were seen from both ends.
            let internal = loops + inside / 2.0;
            if internal > 0.0 {
                edges.push((c, c, internal));
            }
            touched.sort_unstable();
            for &d in &touched {
                edges.push((c, d, link[d]));
                link[d] = 0.0;
            }
            touched.clear();
        }
        Level::new(count, &edges)
    }
}

/// Runs the method on `n` nodes joined by `edges`. Returns the community of each node (numbered
/// densely) and the number of levels at which nodes moved.
fn louvain_levels(n: usize, edges: &[WeightedEdge]) -> (Vec<usize>, usize) {
    let mut assignment: Vec<usize> = (0..n).collect();
    let m: f64 = edges.iter().map(|e| e.2).sum();
    if m == 0.0 {
        return (assignment, 0);
    }
    let mut level = Level::new(n, edges);
    let mut levels = 0;
    loop {
        let (community, count, moved) = level.local_moving(m);
        if !moved {
            break;
        }
        levels += 1;
        for a in &mut assignment {
            *a = community[*a];
        }
        // Nodes only join non-empty communities, so a move always leaves fewer communities.
        debug_assert!(count < level.len());
        level = level.aggregate(&community, count);
    }
    (assignment, levels)
}

/// Renumbers dense community labels by decreasing size, ties by the smallest node index.
fn renumber(assignment: &[usize]) -> Vec<usize> {
    let count = assignment.iter().max().map_or(0, |&c| c + 1);
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (i, &c) in assignment.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(i);
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|&a, &b| size[b].cmp(&size[a]).then(first[a].cmp(&first[b])));
    let mut rank = vec![0; count];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r;
    }
    assignment.iter().map(|&c| rank[c]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::EntityType;
    use crate::graph::{Associations, EntityNode, Window};
    use petgraph::unionfind::UnionFind;

    fn node(i: usize) -> EntityNode {
        EntityNode {
            id: format!("org:{i:05}"),
            name: format!("Org {i}"),
            entity_type: EntityType::Org,
            mentions: 1,
            documents: 1,
            windows: 1,
            aliases_seen: Vec::new(),
            first_seen: None,
            last_seen: None,
            sources: None,
        }
    }

    fn edge(weight: u64) -> CooccurrenceEdge {
        CooccurrenceEdge {
            weight,
            documents: 1,
            associations: Associations {
                pmi: 0.0,
                npmi: 0.0,
                jaccard: 0.0,
                dice: 0.0,
                assoc: 0.0,
            },
            evidence: Vec::new(),
            first_seen: None,
            last_seen: None,
            sources: None,
        }
    }

    /// A graph of `n` nodes whose ids sort like their numbers, so node `i` has index `i`, joined by
    /// `(a, b, count)` edges.
    fn graph(n: usize, edges: &[(usize, usize, u64)]) -> CooccurrenceGraph {
        let nodes = (0..n).map(node).collect();
        let edges = edges
            .iter()
            .map(|&(a, b, w)| (node(a).id, node(b).id, edge(w)))
            .collect();
        CooccurrenceGraph::from_parts(Window::Sentence, 1, nodes, edges)
    }

    fn count(e: &CooccurrenceEdge) -> f64 {
        e.weight as f64
    }

    /// The members of each community, in label order.
    fn groups(c: &Communities) -> Vec<Vec<usize>> {
        let mut groups = vec![Vec::new(); c.len()];
        for (i, &label) in c.labels().iter().enumerate() {
            groups[label].push(i);
        }
        groups
    }

    /// All edges among `nodes`, each of weight `w`.
    fn clique(nodes: &[usize], w: u64) -> Vec<(usize, usize, u64)> {
        let mut edges = Vec::new();
        for (k, &a) in nodes.iter().enumerate() {
            for &b in &nodes[k + 1..] {
                edges.push((a, b, w));
            }
        }
        edges
    }

    /// `k` triangles 3t, 3t+1, 3t+2 in a ring: 3t+2 is joined to 3(t+1).
    fn ring_of_triangles(k: usize) -> Vec<(usize, usize, u64)> {
        let mut edges = Vec::new();
        for t in 0..k {
            edges.extend(clique(&[3 * t, 3 * t + 1, 3 * t + 2], 1));
            edges.push((3 * t + 2, (3 * (t + 1)) % (3 * k), 1));
        }
        edges
    }

    /// A deterministic pseudo-random generator (64-bit LCG), so tests need no dependency.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn chance(&mut self, percent: u64) -> bool {
            self.next() % 100 < percent
        }
    }

    /// `groups` groups of `size` nodes; pairs inside a group are joined with chance `inside`
    /// percent, pairs across with chance `across`; weights 1 to 3.
    fn planted(
        groups: usize,
        size: usize,
        inside: u64,
        across: u64,
        seed: u64,
    ) -> Vec<(usize, usize, u64)> {
        let mut rng = Lcg(seed);
        let n = groups * size;
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let p = if a / size == b / size { inside } else { across };
                if rng.chance(p) {
                    edges.push((a, b, 1 + rng.next() % 3));
                }
            }
        }
        edges
    }

    /// Checks what must hold for every graph: labels renumbered by size, modularity consistent
    /// and at least that of the trivial partitions, components and isolated nodes respected.
    fn check_invariants(g: &CooccurrenceGraph, c: &Communities) {
        let n = g.node_count();
        assert_eq!(c.labels().len(), n);
        assert_eq!(c.is_empty(), n == 0);
        for i in 0..n {
            assert_eq!(c.of(NodeIndex::new(i)), c.labels()[i]);
        }
        let groups = groups(c);
        assert!(groups.iter().all(|g| !g.is_empty()), "labels are dense");
        for pair in groups.windows(2) {
            assert!(
                (pair[0].len(), std::cmp::Reverse(pair[0][0]))
                    > (pair[1].len(), std::cmp::Reverse(pair[1][0])),
                "labels by decreasing size, then smallest node: {groups:?}"
            );
        }
        assert_eq!(c.modularity(), modularity(g, count, c.labels()));
        let together = vec![0; n];
        let alone: Vec<usize> = (0..n).collect();
        assert!(c.modularity() >= modularity(g, count, &together) - 1e-12);
        assert!(c.modularity() >= modularity(g, count, &alone) - 1e-12);
        let mut components = UnionFind::<usize>::new(n);
        let mut degree = vec![0; n];
        for e in g.graph().edge_references() {
            if e.weight().weight > 0 {
                components.union(e.source().index(), e.target().index());
                degree[e.source().index()] += 1;
                degree[e.target().index()] += 1;
            }
        }
        for group in &groups {
            assert!(
                group.iter().all(|&i| components.equiv(i, group[0])),
                "community {group:?} spans components"
            );
            if group.len() > 1 {
                assert!(group.iter().all(|&i| degree[i] > 0), "{group:?}");
            }
        }
    }

    #[test]
    fn finds_the_expected_communities() {
        let weak_bridge = {
            let mut edges = clique(&[0, 1, 2, 3], 5);
            edges.extend(clique(&[4, 5, 6, 7], 5));
            edges.push((3, 4, 1));
            edges
        };
        let mut components = clique(&[0, 1, 2], 2);
        components.extend(clique(&[3, 4, 5], 1));
        // Components whose node indices interleave: paths 0-2-4 and 1-3-5.
        let interleaved = vec![(0, 2, 1), (2, 4, 1), (1, 3, 1), (3, 5, 1)];
        let mut unequal = clique(&[0, 1, 2, 3, 4], 1);
        unequal.extend(clique(&[5, 6, 7], 1));
        unequal.extend(clique(&[8, 9, 10, 11, 12, 13], 1));
        unequal.extend([(4, 5, 1), (7, 8, 1), (13, 0, 1)]);
        type Case = (
            &'static str,
            usize,
            Vec<(usize, usize, u64)>,
            Vec<Vec<usize>>,
        );
        let cases: Vec<Case> = vec![
            ("empty", 0, vec![], vec![]),
            ("one isolated node", 1, vec![], vec![vec![0]]),
            ("isolated nodes", 3, vec![], vec![vec![0], vec![1], vec![2]]),
            ("one edge", 2, vec![(0, 1, 4)], vec![vec![0, 1]]),
            (
                "two cliques and a weak edge",
                8,
                weak_bridge,
                vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]],
            ),
            (
                "ring of four triangles",
                12,
                ring_of_triangles(4),
                vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8], vec![9, 10, 11]],
            ),
            (
                "two triangles and isolated nodes",
                8,
                components,
                vec![vec![0, 1, 2], vec![3, 4, 5], vec![6], vec![7]],
            ),
            (
                "interleaved components",
                6,
                interleaved,
                vec![vec![0, 2, 4], vec![1, 3, 5]],
            ),
            (
                "labels by size",
                14,
                unequal,
                vec![
                    vec![8, 9, 10, 11, 12, 13],
                    vec![0, 1, 2, 3, 4],
                    vec![5, 6, 7],
                ],
            ),
            (
                "isolated node before a triangle",
                4,
                vec![(1, 2, 1), (2, 3, 1), (1, 3, 1)],
                vec![vec![1, 2, 3], vec![0]],
            ),
        ];
        for (name, n, edges, expected) in cases {
            let g = graph(n, &edges);
            let c = louvain(&g, count);
            assert_eq!(groups(&c), expected, "{name}");
            assert_eq!(c.len(), expected.len(), "{name}");
            check_invariants(&g, &c);
        }
    }

    #[test]
    fn empty_graph_has_no_communities() {
        let c = louvain(&graph(0, &[]), count);
        assert!(c.is_empty());
        assert_eq!(c.len(), 0);
        assert_eq!(c.labels(), &[] as &[usize]);
        assert_eq!(c.modularity(), 0.0);
    }

    #[test]
    fn modularity_by_hand() {
        // Triangle 0-1-2 with weights 1, and 2-3 with weight 2: m = 1 + 1 + 1 + 2 = 5, degrees
        // k0 = 2, k1 = 2, k2 = 1 + 1 + 2 = 4, k3 = 2 (sum 10 = 2m).
        let g = graph(4, &[(0, 1, 1), (1, 2, 1), (0, 2, 1), (2, 3, 2)]);
        let cases: [(&[usize], f64); 4] = [
            // {0,1} and {2,3}: L = 1 and 2, d = 4 and 6:
            // 1/5 − (4/10)² + 2/5 − (6/10)² = 0.2 − 0.16 + 0.4 − 0.36 = 0.08.
            (&[0, 0, 1, 1], 0.08),
            // {0,1,2} and {3}: L = 3 and 0, d = 8 and 2:
            // 3/5 − (8/10)² + 0 − (2/10)² = 0.6 − 0.64 − 0.04 = −0.08.
            (&[7, 7, 7, 3], -0.08),
            // All together: 5/5 − (10/10)² = 0.
            (&[0, 0, 0, 0], 0.0),
            // All alone: −(4 + 4 + 16 + 4)/100 = −0.28.
            (&[0, 1, 2, 3], -0.28),
        ];
        for (labels, expected) in cases {
            let q = modularity(&g, count, labels);
            assert!(
                (q - expected).abs() < 1e-12,
                "{labels:?}: {q} != {expected}"
            );
        }
        // Doubling every weight changes nothing.
        let q = modularity(&g, |e| 2.0 * e.weight as f64, &[0, 0, 1, 1]);
        assert!((q - 0.08).abs() < 1e-12);
        // A self-loop counts once in L_c and twice in the degree: m = 3, with {0,1} and {2}:
        // L = 1 + 1 = 2 and 1, d = 1 + 1 + 2 = 4 and 2: 2/3 − (4/6)² + 1/3 − (2/6)² = 4/9.
        let looped = graph(3, &[(0, 1, 1), (0, 0, 1), (2, 2, 1)]);
        let q = modularity(&looped, count, &[0, 0, 1]);
        assert!((q - 4.0 / 9.0).abs() < 1e-12, "{q}");
        let c = louvain(&looped, count);
        assert_eq!(groups(&c), [vec![0, 1], vec![2]]);
        assert!((c.modularity() - 4.0 / 9.0).abs() < 1e-12);
    }

    #[test]
    fn graphs_without_positive_weights_leave_every_node_alone() {
        let g = graph(3, &[(0, 1, 1), (1, 2, 1)]);
        let c = louvain(&g, |_| 0.0);
        assert_eq!(c.labels(), [0, 1, 2]);
        assert_eq!(c.modularity(), 0.0);
        assert_eq!(modularity(&g, |_| 0.0, &[0, 0, 0]), 0.0);
    }

    #[test]
    fn zero_weight_edges_are_ignored() {
        let mut edges = clique(&[0, 1, 2], 1);
        edges.push((2, 3, 0));
        let c = louvain(&graph(4, &edges), count);
        assert_eq!(groups(&c), [vec![0, 1, 2], vec![3]]);
    }

    #[test]
    #[should_panic(expected = "non-negative")]
    fn negative_weights_panic() {
        louvain(&graph(2, &[(0, 1, 1)]), |_| -1.0);
    }

    #[test]
    #[should_panic(expected = "one label per node")]
    fn modularity_needs_a_label_per_node() {
        modularity(&graph(2, &[(0, 1, 1)]), count, &[0]);
    }

    #[test]
    fn results_are_deterministic() {
        let edges = planted(6, 15, 40, 3, 7);
        let n = 90;
        let g = graph(n, &edges);
        let first = louvain(&g, count);
        assert_eq!(louvain(&g, count), first);
        // The same graph from nodes and edges in another order, endpoints swapped.
        let nodes = (0..n).rev().map(node).collect();
        let reversed = edges
            .iter()
            .rev()
            .map(|&(a, b, w)| (node(b).id, node(a).id, edge(w)))
            .collect();
        let other = CooccurrenceGraph::from_parts(Window::Sentence, 1, nodes, reversed);
        assert_eq!(louvain(&other, count), first);
    }

    #[test]
    fn recovers_planted_communities() {
        for seed in [1, 2, 3] {
            let (k, size) = (8, 25);
            let g = graph(k * size, &planted(k, size, 50, 1, seed));
            let c = louvain(&g, count);
            check_invariants(&g, &c);
            let expected: Vec<Vec<usize>> = (0..k)
                .map(|t| (t * size..(t + 1) * size).collect())
                .collect();
            assert_eq!(groups(&c), expected, "seed {seed}");
            let truth: Vec<usize> = (0..k * size).map(|i| i / size).collect();
            assert!((c.modularity() - modularity(&g, count, &truth)).abs() < 1e-12);
        }
    }

    #[test]
    fn aggregation_merges_small_groups_at_the_resolution_limit() {
        // In a ring of 30 triangles, merging neighbouring triangles raises modularity: pairs give
        // 7/8 − 2/30 > 3/4 − 1/30 for triangles alone. Only aggregation can find such merges.
        let k = 30;
        let g = graph(3 * k, &ring_of_triangles(k));
        let edges = weighted_edges(&g, &count);
        let (_, levels) = louvain_levels(3 * k, &edges);
        assert!(levels >= 2, "{levels}");
        let c = louvain(&g, count);
        check_invariants(&g, &c);
        assert!(c.len() < k, "{}", c.len());
        for t in 0..k {
            let label = c.labels()[3 * t];
            assert_eq!(c.labels()[3 * t + 1], label);
            assert_eq!(c.labels()[3 * t + 2], label);
        }
        let triangles: Vec<usize> = (0..3 * k).map(|i| i / 3).collect();
        assert!(c.modularity() > modularity(&g, count, &triangles));
    }

    #[test]
    fn large_sparse_graphs_run_quickly() {
        // 20 000 nodes in groups of 20 with sparse links across: linear-ish work per pass.
        let (groups_n, size) = (1000, 20);
        let n = groups_n * size;
        let mut rng = Lcg(11);
        let mut edges = Vec::new();
        for t in 0..groups_n {
            let base = t * size;
            for a in 0..size {
                for b in a + 1..size {
                    if rng.chance(30) {
                        edges.push((base + a, base + b, 1 + rng.next() % 3));
                    }
                }
            }
        }
        for _ in 0..n / 2 {
            let a = (rng.next() as usize) % n;
            let b = (rng.next() as usize) % n;
            if a != b {
                edges.push((a, b, 1));
            }
        }
        let g = graph(n, &edges);
        let c = louvain(&g, count);
        check_invariants(&g, &c);
        assert!(c.modularity() > 0.8, "{}", c.modularity());
    }
}
