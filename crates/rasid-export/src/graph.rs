//! The actor graph as the graph formats write it: the actors that the filtered edges join
//! (read in a first pass over the edges), then the edges (a second pass), so neither pass
//! holds more than a page of edges.

use std::collections::BTreeSet;

use rasid_store::{Edge, EdgeFilter, Store};

use crate::error::Result;
use crate::source::{for_each_edge, named_actors, NamedActor};

/// The actors joined by the edges passing `f`, ordered by id.
pub fn nodes(store: &mut Store, f: &EdgeFilter) -> Result<Vec<NamedActor>> {
    let mut ids = BTreeSet::new();
    for_each_edge(store, f, false, |e| {
        ids.insert(e.edge.a);
        ids.insert(e.edge.b);
        Ok(())
    })?;
    let ids: Vec<String> = ids.into_iter().collect();
    named_actors(store, &ids)
}

/// Call `each` on every edge passing `f`, in id order (without evidence).
pub fn edges(
    store: &mut Store,
    f: &EdgeFilter,
    mut each: impl FnMut(&Edge) -> Result<()>,
) -> Result<usize> {
    for_each_edge(store, f, false, |e| each(&e.edge))
}

/// Does the edge read the same both ways (ALLY, HOSTILE)? The graph files are directed
/// (networkx reads no mixed graph): every edge goes from `a` to `b`, and this attribute
/// says when the direction carries no meaning.
pub fn symmetric(e: &Edge) -> bool {
    rasid_kb::relation_is_symmetric(&e.relation_type)
}

/// A node's kind as the graph files write it (`unknown` when the store has no such
/// actor).
pub fn kind(n: &NamedActor) -> &'static str {
    n.kind.map_or("unknown", |k| k.as_str())
}
