//! GraphML of the actor graph (Gephi, yEd, networkx, igraph): nodes with their kind and
//! Arabic and English names, edges with their relation type, weight, first and last seen,
//! counts and confidence. The graph is directed, each edge from the actor that acts (`a`);
//! ALLY and HOSTILE edges are marked `symmetric`.

use std::io::Write;

use rasid_store::{EdgeFilter, Store};

use crate::error::Result;
use crate::graph::{edges, kind, nodes, symmetric};
use crate::xml::esc;
use crate::Summary;

/// The attribute keys: id, what they belong to, type.
const KEYS: [(&str, &str, &str); 14] = [
    ("label", "node", "string"),
    ("kind", "node", "string"),
    ("name_ar", "node", "string"),
    ("name_en", "node", "string"),
    ("relation_type", "edge", "string"),
    ("weight", "edge", "double"),
    ("first_seen", "edge", "string"),
    ("last_seen", "edge", "string"),
    ("n_articles", "edge", "int"),
    ("n_sources", "edge", "int"),
    ("confidence", "edge", "double"),
    ("label", "edge", "string"),
    ("symmetric", "edge", "boolean"),
    ("review", "edge", "string"),
];

/// Write the graph of the edges passing `f` as GraphML.
pub fn write(store: &mut Store, f: &EdgeFilter, out: &mut dyn Write) -> Result<Summary> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, owner, ty) in KEYS {
        writeln!(
            out,
            r#"  <key id="{owner}_{id}" for="{owner}" attr.name="{id}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="rasid" edgedefault="directed">"#)?;
    let nodes = nodes(store, f)?;
    for n in &nodes {
        writeln!(out, r#"    <node id="{}">"#, esc(&n.id))?;
        data(out, "node_label", n.label())?;
        data(out, "node_kind", kind(n))?;
        data(out, "node_name_ar", &n.name_ar)?;
        if let Some(en) = &n.name_en {
            data(out, "node_name_en", en)?;
        }
        writeln!(out, "    </node>")?;
    }
    let n_edges = edges(store, f, |e| {
        writeln!(
            out,
            r#"    <edge id="{}" source="{}" target="{}">"#,
            esc(&e.id),
            esc(&e.a),
            esc(&e.b),
        )?;
        data(out, "edge_symmetric", &symmetric(e).to_string())?;
        data(out, "edge_relation_type", &e.relation_type)?;
        data(out, "edge_label", &e.relation_type)?;
        data(out, "edge_weight", &e.weight.to_string())?;
        if let Some(d) = &e.first_seen {
            data(out, "edge_first_seen", d)?;
        }
        if let Some(d) = &e.last_seen {
            data(out, "edge_last_seen", d)?;
        }
        data(out, "edge_n_articles", &e.n_articles.to_string())?;
        data(out, "edge_n_sources", &e.n_sources.to_string())?;
        if let Some(c) = e.confidence {
            data(out, "edge_confidence", &format!("{c:.3}"))?;
        }
        if let Some(r) = &e.review {
            data(out, "edge_review", r)?;
        }
        writeln!(out, "    </edge>")?;
        Ok(())
    })?;
    writeln!(out, "  </graph>\n</graphml>")?;
    out.flush()?;
    Ok(Summary {
        edges: n_edges,
        records: nodes.len() + n_edges,
        ..Summary::default()
    })
}

fn data(out: &mut dyn Write, key: &str, value: &str) -> Result<()> {
    writeln!(out, r#"      <data key="{key}">{}</data>"#, esc(value))?;
    Ok(())
}
