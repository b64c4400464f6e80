//! `/api/alerts.atom`: the alerts as an Atom 1.0 feed (RFC 4287), for a feed reader or a
//! chat service's feed subscription. One entry per alert, newest first, each linking to
//! the page's view of its fact ([`crate::alerts::fact_page`]). Links are absolute, on the
//! host the request named (one the server serves, [`crate::hosts`]).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rasid_store::Watchlist;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::alerts::{alert_views, watchlist_param, AlertView, DEFAULT_ALERTS};
use crate::api::{limit, params};
use crate::error::ApiError;
use crate::schema::ErrorBody;
use crate::{blocking, SharedState};

/// The feed's content type.
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// Only this watchlist's alerts, by name (404 when no watchlist has it); empty: every
    /// watchlist's.
    pub watchlist: Option<String>,
    /// At most this many alerts, the newest, 1–5000 (default 100).
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<usize>,
}

/// The alerts, newest first, as an Atom 1.0 feed: one entry per alert (id
/// `urn:rasid:alert:ID`, its title, its time, a link to the page's view of its fact).
#[utoipa::path(get, path = "/api/alerts.atom", tag = "alerts", params(FeedParams),
    responses(
        (status = 200, description = "An Atom 1.0 feed", content_type = "application/atom+xml", body = String),
        (status = 400, body = ErrorBody),
        (status = 404, description = "No watchlist has that name", body = ErrorBody)))]
pub async fn feed(
    State(st): State<SharedState>,
    headers: HeaderMap,
    uri: Uri,
    q: Result<Query<FeedParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let p = params(q)?;
    let n = limit(p.limit, DEFAULT_ALERTS)?;
    let name = watchlist_param(p.watchlist);
    let (list, alerts) = blocking(&st, move |s, _| {
        let alerts = alert_views(s, name.as_deref(), false, n)?;
        let list = match name {
            Some(name) => s.watchlists()?.into_iter().find(|w| w.name == name),
            None => None,
        };
        Ok((list, alerts))
    })
    .await?;
    let base = base_url(&headers);
    let own = uri
        .path_and_query()
        .map_or("/api/alerts.atom", |p| p.as_str());
    let feed = Feed {
        self_href: format!("{base}{own}"),
        base,
        watchlist: list.as_ref(),
        alerts: &alerts,
        now: rasid_store::review::now(),
    };
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, CONTENT_TYPE)],
        feed.render(),
    )
        .into_response())
}

/// `http://HOST` (or `https://` behind a proxy saying `X-Forwarded-Proto: https`) of the
/// request's Host header when it is a plain host and port; `http://localhost` otherwise.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::trim)
        .filter(|h| plain_host(h))
        .unwrap_or("localhost");
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// A host name or address with an optional port, nothing else (`[::1]:8080`,
/// `rasid.example.org`).
fn plain_host(h: &str) -> bool {
    let (name, port) = match h.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((addr, rest)) if addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':') => {
                ("x", rest.strip_prefix(':'))
            }
            _ => return false,
        },
        None => match h.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (h, None),
        },
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// What a feed shows.
struct Feed<'a> {
    /// `http://host:port`, before every link.
    base: String,
    /// The feed's own URL.
    self_href: String,
    /// The watchlist it is about; none: every watchlist.
    watchlist: Option<&'a Watchlist>,
    /// Newest first.
    alerts: &'a [AlertView],
    /// Its `updated` when it has no alert.
    now: String,
}

impl Feed<'_> {
    fn render(&self) -> String {
        let (id, title) = match self.watchlist {
            Some(w) => (
                format!("urn:rasid:watchlist:{}", w.id),
                format!("تنبيهات راصد: {0} · Rasid alerts: {0}", w.name),
            ),
            None => (
                "urn:rasid:alerts".to_string(),
                "تنبيهات راصد · Rasid alerts".into(),
            ),
        };
        let updated = self
            .alerts
            .first()
            .map_or(self.now.as_str(), |a| &a.alert.created_at);
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ar\">\n");
        element(&mut out, 1, "id", &id);
        element(&mut out, 1, "title", &title);
        element(
            &mut out,
            1,
            "subtitle",
            "حقائق جديدة تتابعها قوائم المتابعة · new facts that watchlists follow",
        );
        element(&mut out, 1, "updated", updated);
        out.push_str("  <author><name>Rasid</name></author>\n");
        out.push_str("  <generator>Rasid</generator>\n");
        link(&mut out, 1, "self", "application/atom+xml", &self.self_href);
        link(
            &mut out,
            1,
            "alternate",
            "text/html",
            &format!("{}/#/alerts", self.base),
        );
        for a in self.alerts {
            self.entry(&mut out, a);
        }
        out.push_str("</feed>\n");
        out
    }

    fn entry(&self, out: &mut String, view: &AlertView) {
        let a = &view.alert;
        let (ar, en) = if a.kind == "event" {
            ("حدث جديد", "new event")
        } else {
            ("علاقة جديدة", "new relation")
        };
        out.push_str("  <entry>\n");
        element(out, 2, "id", &format!("urn:rasid:alert:{}", a.id));
        let headline = view.headline();
        element(out, 2, "title", &headline);
        element(out, 2, "updated", &a.created_at);
        link(
            out,
            2,
            "alternate",
            "text/html",
            &format!("{}/{}", self.base, view.page),
        );
        out.push_str(&format!(
            "    <category term=\"{}\" label=\"{ar} · {en}\"/>\n",
            xml_text(&a.kind)
        ));
        out.push_str(&format!(
            "    <category term=\"{}\" scheme=\"urn:rasid:watchlist\"/>\n",
            xml_text(&a.watchlist)
        ));
        element(
            out,
            2,
            "summary",
            &format!(
                "{ar} · {en} — قائمة المتابعة «{0}» · watchlist {0}: {1}",
                a.watchlist, headline
            ),
        );
        out.push_str("  </entry>\n");
    }
}

/// `<name>text</name>` on its own line, `depth` levels in.
fn element(out: &mut String, depth: usize, name: &str, text: &str) {
    out.push_str(&format!(
        "{}<{name}>{}</{name}>\n",
        "  ".repeat(depth),
        xml_text(text)
    ));
}

/// `<link rel=… type=… href=…/>` on its own line.
fn link(out: &mut String, depth: usize, rel: &str, kind: &str, href: &str) {
    out.push_str(&format!(
        "{}<link rel=\"{rel}\" type=\"{kind}\" href=\"{}\"/>\n",
        "  ".repeat(depth),
        xml_text(href)
    ));
}

/// `s` as XML 1.0 text or attribute value: markup characters escaped, characters XML 1.0
/// does not allow (control characters but tab and line ends, U+FFFE, U+FFFF) left out.
fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alert(id: &str, kind: &str, title: &str) -> AlertView {
        let alert = rasid_store::Alert {
            id: id.into(),
            watchlist: "yemen <desk>".into(),
            kind: kind.into(),
            fact: "f".into(),
            title: title.into(),
            fact_type: if kind == "edge" { "ALLY" } else { "ATTACK" }.into(),
            actors: if kind == "edge" {
                vec!["houthis".into(), "irgc".into()]
            } else {
                vec!["houthis".into()]
            },
            place: (kind == "event").then(|| "مأرب".into()),
            date: Some("2024-03-14".into()),
            created_at: "2026-12-05T04:42:47Z".into(),
            read: false,
        };
        let page = crate::alerts::fact_page(&alert, &[]);
        AlertView {
            alert,
            page,
            names: Default::default(),
        }
    }

    #[test]
    fn markup_and_characters_xml_forbids_are_escaped_or_dropped() {
        assert_eq!(
            xml_text("«أنصار الله» <a & 'b'>\u{1}\u{FFFF}\n"),
            "«أنصار الله» &lt;a &amp; &apos;b&apos;&gt;\n"
        );
    }

    #[test]
    fn a_feed_has_its_ids_titles_times_and_links() {
        let alerts = [
            alert("a2", "edge", "houthis ALLY irgc 2024-03-14"),
            alert("a1", "event", "ATTACK houthis مأرب 2024-03-14"),
        ];
        let feed = Feed {
            base: "http://127.0.0.1:8080".into(),
            self_href: "http://127.0.0.1:8080/api/alerts.atom?limit=2&x=<y>".into(),
            watchlist: None,
            alerts: &alerts,
            now: "2027-01-01T00:00:00.000Z".into(),
        };
        let xml = feed.render();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
        assert_eq!(xml.matches("<entry>").count(), 2);
        assert!(xml.contains("<id>urn:rasid:alerts</id>"), "{xml}");
        assert!(
            xml.contains("<updated>2026-12-05T04:42:47Z</updated>"),
            "{xml}"
        );
        assert!(xml.contains("<id>urn:rasid:alert:a2</id>"), "{xml}");
        assert!(
            xml.contains("href=\"http://127.0.0.1:8080/api/alerts.atom?limit=2&amp;x=&lt;y&gt;\"")
        );
        assert!(
            xml.contains("href=\"http://127.0.0.1:8080/#/actor/houthis\""),
            "{xml}"
        );
        assert!(xml.contains(
            "href=\"http://127.0.0.1:8080/#/events?type=ATTACK&amp;actor=houthis&amp;place="
        ));
        assert!(xml.contains("term=\"yemen &lt;desk&gt;\""), "{xml}");
        // an empty feed is as new as the time it is read
        let empty = Feed {
            alerts: &[],
            ..feed
        };
        assert!(empty
            .render()
            .contains("<updated>2027-01-01T00:00:00.000Z</updated>"));
    }

    #[test]
    fn links_name_the_requested_host_only_when_it_is_a_plain_one() {
        let with = |pairs: &[(&str, &str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(
                    header::HeaderName::from_bytes(k.as_bytes()).expect("name"),
                    v.parse().expect("value"),
                );
            }
            base_url(&h)
        };
        assert_eq!(with(&[("host", "127.0.0.1:8080")]), "http://127.0.0.1:8080");
        assert_eq!(with(&[("host", "[::1]:80")]), "http://[::1]:80");
        assert_eq!(
            with(&[
                ("host", "rasid.example.org"),
                ("x-forwarded-proto", "https")
            ]),
            "https://rasid.example.org"
        );
        assert_eq!(with(&[("host", "localhost:8\"x")]), "http://localhost");
        assert_eq!(with(&[("host", "a b")]), "http://localhost");
        assert_eq!(with(&[]), "http://localhost");
    }
}
