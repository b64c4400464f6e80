//! HTML pages: title, publication date, outlet and main text from the markup.
//!
//! The main text is the element holding the most paragraph text (a small readability
//! heuristic): scripts, navigation, headers, footers, asides and forms are skipped, block
//! elements become line breaks, list items become bullet lines (so teaser lists stay
//! recognisable to segmentation downstream).

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use crate::document::{iso_date_prefix, DocumentMeta};

/// What an HTML page yields.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlPage {
    pub title: Option<String>,
    pub body: String,
    pub meta: DocumentMeta,
}

const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "template",
    "figcaption",
    "head",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "tr",
    "table",
    "br",
    "hr",
    "figure",
    "pre",
    "dd",
    "dt",
];

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn first_attr(doc: &Html, selector: &str, attr: &str) -> Option<String> {
    let s = sel(selector)?;
    doc.select(&s)
        .filter_map(|e| e.value().attr(attr))
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let s = sel(selector)?;
    doc.select(&s)
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Values from JSON-LD blocks: (headline, datePublished, publisher name).
fn json_ld(doc: &Html) -> (Option<String>, Option<String>, Option<String>) {
    let mut out = (None, None, None);
    let Some(s) = sel(r#"script[type="application/ld+json"]"#) else {
        return out;
    };
    fn visit(v: &serde_json::Value, out: &mut (Option<String>, Option<String>, Option<String>)) {
        match v {
            serde_json::Value::Array(items) => items.iter().for_each(|i| visit(i, out)),
            serde_json::Value::Object(map) => {
                if let Some(g) = map.get("@graph") {
                    visit(g, out);
                }
                if out.0.is_none() {
                    out.0 = map.get("headline").and_then(|h| h.as_str()).map(collapse);
                }
                if out.1.is_none() {
                    out.1 = map
                        .get("datePublished")
                        .and_then(|d| d.as_str())
                        .and_then(iso_date_prefix);
                }
                if out.2.is_none() {
                    out.2 = map
                        .get("publisher")
                        .and_then(|p| p.get("name"))
                        .and_then(|n| n.as_str())
                        .map(collapse);
                }
            }
            _ => {}
        }
    }
    for script in doc.select(&s) {
        let text: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            visit(&v, &mut out);
        }
    }
    out
}

/// Append the text of `el` to `out`, with block elements on their own lines.
/// Iterative (an explicit walk of open/close edges), so deeply nested markup cannot
/// overflow the stack.
fn render(el: ElementRef<'_>, out: &mut String) {
    // depth inside a skipped element (script, nav, …); 0 when rendering
    let mut skipping = 0usize;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if skipping > 0 || SKIP.contains(&name) {
                        skipping += 1;
                        continue;
                    }
                    if BLOCK.contains(&name) && !out.ends_with('\n') && !out.is_empty() {
                        out.push('\n');
                    }
                    if name == "li" {
                        out.push_str("• ");
                    }
                }
                Node::Text(t) if skipping == 0 => {
                    let t = t.replace(['\n', '\r', '\t'], " ");
                    if !t.trim().is_empty() || (!out.ends_with(' ') && !out.ends_with('\n')) {
                        out.push_str(&t);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCK.contains(&e.name()) && !out.ends_with('\n') {
                        out.push('\n');
                    }
                }
            }
        }
    }
}

/// Tidy rendered text: trim lines, drop empty ones, separate paragraphs by a blank line.
fn tidy(raw: &str) -> String {
    raw.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Pick the element with the most paragraph text.
fn main_container(doc: &Html) -> Option<ElementRef<'_>> {
    for preferred in [r#"[itemprop="articleBody"]"#, "article"] {
        if let Some(s) = sel(preferred) {
            let best = doc
                .select(&s)
                .max_by_key(|e| e.text().map(|t| t.trim().chars().count()).sum::<usize>());
            if let Some(b) = best {
                if b.text().map(|t| t.trim().chars().count()).sum::<usize>() > 200 {
                    return Some(b);
                }
            }
        }
    }
    let p = sel("p")?;
    let mut scores: Vec<(ego_tree::NodeId, usize)> = Vec::new();
    for para in doc.select(&p) {
        let text: String = para.text().collect();
        if !has_arabic(&text) && text.trim().chars().count() < 80 {
            continue;
        }
        let Some(parent) = para.parent() else {
            continue;
        };
        let len = text.trim().chars().count();
        match scores.iter_mut().find(|(id, _)| *id == parent.id()) {
            Some(entry) => entry.1 += len,
            None => scores.push((parent.id(), len)),
        }
    }
    let (best, _) = scores.into_iter().max_by_key(|(_, s)| *s)?;
    doc.tree.get(best).and_then(ElementRef::wrap)
}

/// Pages with more opening tags than this are refused: the HTML parser's time grows with
/// the square of deeply nested unclosed blocks, and no news page comes near it.
pub const MAX_TAGS: usize = 50_000;

/// Why an HTML page is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    #[error(
        "HTML page has more than {MAX_TAGS} tags ({0}); refused as malformed or not a news page"
    )]
    TooManyTags(usize),
}

/// Count opening tags cheaply (a `<` followed by a letter).
fn count_tags(html: &str) -> usize {
    html.as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
        .count()
}

/// Parse an HTML page, refusing pathological markup.
pub fn parse_html_checked(source_html: &str) -> Result<HtmlPage, HtmlError> {
    let tags = count_tags(source_html);
    if tags > MAX_TAGS {
        return Err(HtmlError::TooManyTags(tags));
    }
    Ok(parse_html(source_html))
}

/// Parse an HTML page.
pub fn parse_html(source_html: &str) -> HtmlPage {
    let doc = Html::parse_document(source_html);
    let (ld_headline, ld_date, ld_publisher) = json_ld(&doc);
    let title = first_attr(&doc, r#"meta[property="og:title"]"#, "content")
        .or(ld_headline)
        .or_else(|| first_text(&doc, "h1"))
        .or_else(|| first_text(&doc, "title"))
        .map(|t| collapse(&t));
    let mut meta = DocumentMeta::default();
    let date_sources: [(&str, &str, &'static str); 6] = [
        (
            r#"meta[property="article:published_time"]"#,
            "content",
            "html:article:published_time",
        ),
        (
            r#"meta[itemprop="datePublished"]"#,
            "content",
            "html:itemprop:datePublished",
        ),
        (r#"meta[name="pubdate"]"#, "content", "html:meta:pubdate"),
        (
            r#"meta[name="publishdate"]"#,
            "content",
            "html:meta:publishdate",
        ),
        (r#"meta[name="date"]"#, "content", "html:meta:date"),
        ("time[datetime]", "datetime", "html:time"),
    ];
    meta.published = ld_date.map(|d| (d, "html:json-ld:datePublished"));
    for (selector, attr, rule) in date_sources {
        if meta.published.is_some() {
            break;
        }
        meta.published = first_attr(&doc, selector, attr)
            .and_then(|v| iso_date_prefix(&v))
            .map(|d| (d, rule));
    }
    meta.outlet = first_attr(&doc, r#"meta[property="og:site_name"]"#, "content")
        .map(|o| (o, "html:og:site_name"))
        .or(ld_publisher.map(|p| (p, "html:json-ld:publisher")));
    meta.url = first_attr(&doc, r#"link[rel="canonical"]"#, "href")
        .or_else(|| first_attr(&doc, r#"meta[property="og:url"]"#, "content"));
    let mut raw = String::new();
    match main_container(&doc) {
        Some(c) => render(c, &mut raw),
        None => {
            if let Some(body) = sel("body").and_then(|s| doc.select(&s).next()) {
                render(body, &mut raw);
            }
        }
    }
    let mut body = tidy(&raw);
    // the container often repeats the headline as its first line
    if let Some(t) = &title {
        if let Some(rest) = body.strip_prefix(t.as_str()) {
            body = rest.trim_start().to_string();
        }
    }
    meta.title = title.clone();
    HtmlPage { title, body, meta }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="ar" dir="rtl"><head>
<meta charset="utf-8"><title>موقع الأخبار | مقتل مسلحين في اشتباك</title>
<meta property="og:title" content="مقتل ثلاثة مسلحين في اشتباك مع الجيش شمال سيناء">
<meta property="og:site_name" content="صحيفة المثال">
<meta property="article:published_time" content="2024-03-05T09:30:00+02:00">
<script>var x = "<p>ليس نصا</p>";</script></head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/x">سياسة</a></nav></header>
<div class="content"><article>
<h1>مقتل ثلاثة مسلحين في اشتباك مع الجيش شمال سيناء</h1>
<p>قال مصدر أمني إن ثلاثة مسلحين قتلوا صباح اليوم في اشتباك مع قوات الجيش جنوب مدينة العريش.</p>
<p>وأضاف المصدر أن القوات ضبطت أسلحة آلية وعبوات ناسفة كانت بحوزة المسلحين.</p>
<h3>اقرأ أيضا</h3><ul><li><a href="/a">افتتاح معرض للكتاب في القاهرة</a></li><li><a href="/b">ارتفاع أسعار الذهب</a></li></ul>
</article></div>
<aside>الأكثر قراءة</aside><footer>جميع الحقوق محفوظة</footer></body></html>"#;

    #[test]
    fn extracts_title_meta_and_main_text() {
        let page = parse_html(PAGE);
        assert_eq!(
            page.title.as_deref(),
            Some("مقتل ثلاثة مسلحين في اشتباك مع الجيش شمال سيناء")
        );
        assert_eq!(
            page.meta.published,
            Some(("2024-03-05".to_string(), "html:article:published_time"))
        );
        assert_eq!(
            page.meta.outlet.as_ref().map(|o| o.0.as_str()),
            Some("صحيفة المثال")
        );
        assert!(page.body.starts_with("قال مصدر أمني"), "{}", page.body);
        assert!(
            page.body.contains("• افتتاح معرض للكتاب"),
            "list items are bullets"
        );
        assert!(!page.body.contains("ليس نصا"), "scripts skipped");
        assert!(!page.body.contains("الرئيسية"), "navigation skipped");
        assert!(!page.body.contains("جميع الحقوق"), "footer skipped");
    }

    #[test]
    fn page_without_article_uses_densest_paragraph_parent() {
        let html = "<html><body><div id=menu><p>الرئيسية</p></div><div id=story><p>أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية تضم ستة عناصر في منطقة القصيم.</p><p>وأوضح المتحدث الأمني أن الخلية كانت تخطط لاستهداف منشآت حكومية.</p></div></body></html>";
        let page = parse_html(html);
        assert!(
            page.body.starts_with("أعلنت وزارة الداخلية"),
            "{}",
            page.body
        );
        assert!(!page.body.contains("الرئيسية"));
    }

    #[test]
    fn deeply_nested_markup_neither_overflows_nor_hangs() {
        let deep = format!(
            "<html><body>{}نص عميق{}</body></html>",
            "<span>".repeat(60_000),
            "</span>".repeat(10)
        );
        let page = parse_html(&deep);
        assert!(page.body.contains("نص عميق"));
        let blocks = "<div>".repeat(MAX_TAGS + 10);
        assert!(matches!(
            parse_html_checked(&blocks),
            Err(HtmlError::TooManyTags(_))
        ));
    }

    #[test]
    fn garbage_does_not_panic() {
        for s in ["", "<", "<html><body></body>", "<<<>>>", "<p>", "\u{0}"] {
            let _ = parse_html(s);
        }
    }
}
