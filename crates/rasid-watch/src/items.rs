//! The pages a feed or a sitemap lists.

use quick_xml::events::Event;
use quick_xml::Reader;

/// The link of each entry of an RSS or Atom feed, in feed order; an error message when
/// the body is not a feed.
pub fn feed_links(body: &[u8]) -> Result<Vec<String>, String> {
    let feed = feed_rs::parser::parse(body).map_err(|e| e.to_string())?;
    Ok(feed
        .entries
        .iter()
        .filter_map(|e| {
            e.links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| e.links.first())
                .map(|l| l.href.trim().to_string())
        })
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .collect())
}

/// What a sitemap lists: the pages of a `<urlset>`, or the sitemaps of a
/// `<sitemapindex>` (`index` true).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SitemapLinks {
    pub index: bool,
    pub locs: Vec<String>,
}

/// Every `<loc>` of a sitemap or sitemap index.
pub fn sitemap_links(body: &[u8]) -> Result<SitemapLinks, String> {
    let mut reader = Reader::from_reader(body);
    reader.config_mut().trim_text(true);
    let mut out = SitemapLinks::default();
    // the text of the `<loc>` being read (entities come as events of their own)
    let mut loc: Option<String> = None;
    let mut root_seen = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                if !root_seen {
                    root_seen = true;
                    match name.as_ref() {
                        b"sitemapindex" => out.index = true,
                        b"urlset" => {}
                        other => {
                            return Err(format!(
                                "not a sitemap (root <{}>)",
                                String::from_utf8_lossy(other)
                            ))
                        }
                    }
                }
                loc = (name.as_ref() == b"loc").then(String::new);
            }
            Ok(Event::Text(t)) => {
                if let Some(l) = loc.as_mut() {
                    l.push_str(&t.decode().map_err(|e| e.to_string())?);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some(l) = loc.as_mut() {
                    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                        l.push(c);
                    } else {
                        let name = r.decode().map_err(|e| e.to_string())?;
                        let text = quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| format!("unknown entity &{name};"))?;
                        l.push_str(text);
                    }
                }
            }
            Ok(Event::End(_)) => {
                if let Some(l) = loc.take() {
                    let l = l.trim();
                    if l.starts_with("http://") || l.starts_with("https://") {
                        out.locs.push(l.to_string());
                    }
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("at byte {}: {e}", reader.buffer_position())),
        }
        buf.clear();
    }
    if !root_seen {
        return Err("empty sitemap".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_entries_give_their_links() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
            <item><title>هجوم</title><link>https://example.org/a.html</link></item>
            <item><title>اعتقال</title><link>https://example.org/b.html</link></item>
            </channel></rss>"#;
        assert_eq!(
            feed_links(rss.as_bytes()).unwrap(),
            ["https://example.org/a.html", "https://example.org/b.html"]
        );
        let atom = br#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
            <title>t</title><id>urn:x</id><updated>2026-12-05T00:00:00Z</updated>
            <entry><title>e</title><id>urn:e</id><updated>2026-12-05T00:00:00Z</updated>
            <link rel="alternate" href="https://example.org/c.html"/></entry></feed>"#;
        assert_eq!(feed_links(atom).unwrap(), ["https://example.org/c.html"]);
        assert!(feed_links(b"<html><body>no feed</body></html>").is_err());
    }

    #[test]
    fn sitemaps_and_indexes() {
        let set =
            br#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>https://example.org/a.html?x=1&amp;y=2</loc></url></urlset>"#;
        let s = sitemap_links(set).unwrap();
        assert!(!s.index);
        assert_eq!(s.locs, ["https://example.org/a.html?x=1&y=2"]);
        let index = br#"<sitemapindex><sitemap><loc>https://example.org/s1.xml</loc></sitemap></sitemapindex>"#;
        assert!(sitemap_links(index).unwrap().index);
        assert!(sitemap_links(b"<html/>").is_err());
    }
}
