//! GEXF 1.3 of the actor graph (Gephi): a dynamic graph whose edges live from the
//! first to the last day an article states them (`start`/`end`, `timeformat="date"`), so
//! Gephi's timeline plays the graph over time. Nodes carry their kind and Arabic and
//! English names; edges their relation type, weight, counts and confidence. Edges are
//! directed from the actor that acts; ALLY and HOSTILE edges are marked `symmetric`.

use std::io::Write;

use rasid_store::{EdgeFilter, Store};

use crate::error::Result;
use crate::graph::{edges, kind, nodes, symmetric};
use crate::xml::esc;
use crate::Summary;

const NODE_ATTRIBUTES: [(&str, &str); 3] = [
    ("kind", "string"),
    ("name_ar", "string"),
    ("name_en", "string"),
];
const EDGE_ATTRIBUTES: [(&str, &str); 8] = [
    ("relation_type", "string"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("n_articles", "integer"),
    ("n_sources", "integer"),
    ("confidence", "double"),
    ("symmetric", "boolean"),
    ("review", "string"),
];

/// Write the graph of the edges passing `f` as GEXF.
pub fn write(store: &mut Store, f: &EdgeFilter, out: &mut dyn Write) -> Result<Summary> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        out,
        "  <meta>\n    <creator>Rasid</creator>\n    <description>Actor relations read from Arabic news; edges live from first to last seen</description>\n  </meta>"
    )?;
    writeln!(
        out,
        r#"  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">"#
    )?;
    attributes(out, "node", &NODE_ATTRIBUTES)?;
    attributes(out, "edge", &EDGE_ATTRIBUTES)?;
    let nodes = nodes(store, f)?;
    writeln!(out, "    <nodes>")?;
    for n in &nodes {
        writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            esc(&n.id),
            esc(n.label())
        )?;
        writeln!(out, "        <attvalues>")?;
        value(out, 0, kind(n))?;
        value(out, 1, &n.name_ar)?;
        if let Some(en) = &n.name_en {
            value(out, 2, en)?;
        }
        writeln!(out, "        </attvalues>\n      </node>")?;
    }
    writeln!(out, "    </nodes>\n    <edges>")?;
    let n_edges = edges(store, f, |e| {
        let mut span = String::new();
        if let Some(d) = &e.first_seen {
            span.push_str(&format!(r#" start="{}""#, esc(d)));
        }
        if let Some(d) = &e.last_seen {
            span.push_str(&format!(r#" end="{}""#, esc(d)));
        }
        writeln!(
            out,
            r#"      <edge id="{}" source="{}" target="{}" label="{}" weight="{}"{span}>"#,
            esc(&e.id),
            esc(&e.a),
            esc(&e.b),
            esc(&e.relation_type),
            e.weight,
        )?;
        writeln!(out, "        <attvalues>")?;
        value(out, 0, &e.relation_type)?;
        if let Some(d) = &e.first_seen {
            value(out, 1, d)?;
        }
        if let Some(d) = &e.last_seen {
            value(out, 2, d)?;
        }
        value(out, 3, &e.n_articles.to_string())?;
        value(out, 4, &e.n_sources.to_string())?;
        if let Some(c) = e.confidence {
            value(out, 5, &format!("{c:.3}"))?;
        }
        value(out, 6, &symmetric(e).to_string())?;
        if let Some(r) = &e.review {
            value(out, 7, r)?;
        }
        writeln!(out, "        </attvalues>\n      </edge>")?;
        Ok(())
    })?;
    writeln!(out, "    </edges>\n  </graph>\n</gexf>")?;
    out.flush()?;
    Ok(Summary {
        edges: n_edges,
        records: nodes.len() + n_edges,
        ..Summary::default()
    })
}

fn attributes(out: &mut dyn Write, class: &str, attrs: &[(&str, &str)]) -> Result<()> {
    writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
    for (i, (title, ty)) in attrs.iter().enumerate() {
        writeln!(
            out,
            r#"      <attribute id="{i}" title="{title}" type="{ty}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    Ok(())
}

fn value(out: &mut dyn Write, attr: usize, v: &str) -> Result<()> {
    writeln!(
        out,
        r#"          <attvalue for="{attr}" value="{}"/>"#,
        esc(v)
    )?;
    Ok(())
}
