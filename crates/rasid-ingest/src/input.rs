//! Inputs: files, directories (walked recursively), and stdin, read as a stream of
//! documents. Plain text and HTML files are one document each; JSON Lines (optionally
//! gzipped) are one document a line; a `.json` file holds one record or an array of them.
//!
//! A bad input yields an error naming it and the stream goes on with the next one.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::decode::{decode, sniff_html_charset};
use crate::document::{iso_date_prefix, Document, DocumentMeta};
use crate::error::IngestError;
use crate::html::parse_html_checked;

/// The largest page file or JSON Lines record read, in bytes (after decompression): a
/// larger one is refused with an error naming it, and the other inputs go on. A news page
/// is a few hundred kB; this bound keeps one huge or hostile record (a gzip bomb) from
/// exhausting memory.
pub const MAX_RECORD_BYTES: usize = 32 << 20;

/// The longest document text extracted, in bytes (after HTML is stripped). The longest
/// of SaudiNewsNet's 31,018 articles has 34,000 characters (about 60 kB); extraction's
/// memory grows with the text (a 2 MB text of one name repeated peaks at 235 MB), so one
/// huge text must not take the run's memory.
pub const MAX_TEXT_BYTES: usize = 2 << 20;

/// The size limits of a run (`--max-record-mb`, `--max-text-mb`); by default
/// [`MAX_RECORD_BYTES`] and [`MAX_TEXT_BYTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest page file or JSON Lines record read, in bytes (after decompression).
    pub record_bytes: usize,
    /// The longest document text extracted, in bytes (after HTML is stripped).
    pub text_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            record_bytes: MAX_RECORD_BYTES,
            text_bytes: MAX_TEXT_BYTES,
        }
    }
}

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Html,
    Json,
    JsonLines,
    JsonLinesGz,
    /// Decide from the content (stdin, or a file with an unknown extension).
    Sniff,
}

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// `None` is stdin.
    pub path: Option<PathBuf>,
    pub kind: InputKind,
}

impl Input {
    pub fn origin(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "stdin".to_string(), |p| p.display().to_string())
    }
}

/// The kind of a file from its name, or `None` if a directory walk should skip it.
pub fn kind_of(path: &Path) -> Option<InputKind> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
        Some(InputKind::JsonLinesGz)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(InputKind::JsonLines)
    } else if name.ends_with(".json") {
        Some(InputKind::Json)
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        Some(InputKind::Html)
    } else if name.ends_with(".txt") {
        Some(InputKind::Text)
    } else {
        None
    }
}

/// Expand command-line paths: `-` is stdin; directories are walked recursively in
/// sorted order (symlinks inside them not followed), keeping known extensions; a named file
/// of unknown extension is sniffed.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<IngestError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input {
                path: None,
                kind: InputKind::Sniff,
            });
        } else if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .follow_links(true);
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        if let Some(kind) = kind_of(e.path()) {
                            inputs.push(Input {
                                path: Some(e.path().to_path_buf()),
                                kind,
                            });
                        }
                    }
                    Ok(_) => {}
                    Err(err) => errors.push(IngestError::Io {
                        path: err.path().map_or_else(|| p.clone(), Path::to_path_buf),
                        source: err
                            .into_io_error()
                            .unwrap_or_else(|| std::io::Error::other("directory walk failed")),
                    }),
                }
            }
        } else if p.is_file() {
            inputs.push(Input {
                path: Some(p.clone()),
                kind: kind_of(p).unwrap_or(InputKind::Sniff),
            });
        } else if p.exists() {
            errors.push(IngestError::Record {
                origin: p.display().to_string(),
                problem: "not a regular file or directory (a device, FIFO or socket); refused"
                    .into(),
            });
        } else {
            errors.push(IngestError::Missing { path: p.clone() });
        }
    }
    (inputs, errors)
}

fn basename(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn sniff(bytes: &[u8]) -> InputKind {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .map(|i| bytes[i]);
    match start {
        Some(b'{') | Some(b'[') => InputKind::JsonLines,
        Some(b'<') => InputKind::Html,
        _ => InputKind::Text,
    }
}

/// Turn one JSON record into a document. Accepts the SaudiNewsNet shape
/// (`id, source, url, date_extracted, title, author, content`) and `{id, title, text}`.
pub fn document_from_record(
    value: &serde_json::Value,
    origin: String,
    fallback_id: String,
) -> Result<Document, IngestError> {
    let obj = value.as_object().ok_or_else(|| IngestError::Record {
        origin: origin.clone(),
        problem: "a record must be a JSON object".into(),
    })?;
    let str_field = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::trim);
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let body = str_field("content")
        .or_else(|| str_field("text"))
        .or_else(|| str_field("body"))
        .ok_or_else(|| IngestError::Record {
            origin: origin.clone(),
            problem: "record has no `content` or `text` field with a string".into(),
        })?;
    let title = str_field("title").filter(|t| !t.is_empty());
    let text = match title {
        Some(t) => format!("{t}\n\n{body}"),
        None => body.to_string(),
    };
    let mut meta = DocumentMeta {
        title: title.map(str::to_string),
        encoding: "UTF-8",
        ..DocumentMeta::default()
    };
    for (field, rule) in [
        ("published", "json:published"),
        ("date_published", "json:date_published"),
        ("date", "json:date"),
        ("date_extracted", "json:date_extracted"),
    ] {
        if let Some(d) = str_field(field).and_then(iso_date_prefix) {
            meta.published = Some((d, rule));
            break;
        }
    }
    meta.outlet_id = str_field("source").map(str::to_string);
    meta.outlet = str_field("outlet").map(|o| (o.to_string(), "json:outlet"));
    meta.url = str_field("url").map(str::to_string);
    Ok(Document {
        source: id,
        origin,
        text,
        meta,
    })
}

/// Read every document of every input, in order, calling `sink` for each document or
/// error. Streaming: a JSON Lines file is never held whole in memory.
pub fn read_all(
    inputs: &[Input],
    limits: Limits,
    mut sink: impl FnMut(Result<Document, IngestError>),
) {
    let mut checked =
        |d: Result<Document, IngestError>| sink(d.and_then(|d| text_within_limit(d, limits)));
    for input in inputs {
        read_input(input, limits, &mut checked);
    }
}

/// Read the documents of one input held in memory (`name` stands for its file name in
/// messages and ids), as [`read_all`] reads a file of that kind: a gzipped JSON Lines input
/// is decompressed as a stream, [`InputKind::Sniff`] decides from the content, and the same
/// `limits` on a record and a text apply.
pub fn read_bytes(
    bytes: &[u8],
    kind: InputKind,
    name: &str,
    limits: Limits,
    mut sink: impl FnMut(Result<Document, IngestError>),
) {
    let mut checked =
        |d: Result<Document, IngestError>| sink(d.and_then(|d| text_within_limit(d, limits)));
    let record_bytes = limits.record_bytes;
    match kind {
        InputKind::JsonLinesGz => {
            let reader = BufReader::new(flate2::read::MultiGzDecoder::new(bytes));
            read_json_lines(reader, name, name.to_string(), record_bytes, &mut checked);
        }
        _ if bytes.len() > record_bytes => checked(Err(IngestError::Record {
            origin: name.to_string(),
            problem: too_large(bytes.len(), record_bytes),
        })),
        InputKind::Sniff => read_whole(
            bytes,
            sniff(bytes),
            name,
            name.to_string(),
            record_bytes,
            &mut checked,
        ),
        _ => read_whole(
            bytes,
            kind,
            name,
            name.to_string(),
            record_bytes,
            &mut checked,
        ),
    }
}

/// `d` if its text is at most the limit's, else an error naming it.
fn text_within_limit(d: Document, limits: Limits) -> Result<Document, IngestError> {
    if d.text.len() <= limits.text_bytes {
        return Ok(d);
    }
    Err(IngestError::Record {
        origin: d.origin,
        problem: format!(
            "text too long ({}, limit {}); skipped (a news article is far shorter)",
            megabytes(d.text.len()),
            megabytes(limits.text_bytes)
        ),
    })
}

/// A size for a message: «3 MB», «0.5 MB».
fn megabytes(bytes: usize) -> String {
    let mb = bytes as f64 / f64::from(1 << 20);
    if mb >= 10.0 || mb.fract() == 0.0 {
        format!("{:.0} MB", mb.ceil())
    } else {
        format!("{:.1} MB", (mb * 10.0).ceil() / 10.0)
    }
}

fn read_input(input: &Input, limits: Limits, sink: &mut impl FnMut(Result<Document, IngestError>)) {
    let origin = input.origin();
    let io_err = |source: std::io::Error| IngestError::Io {
        path: input.path.clone().unwrap_or_else(|| PathBuf::from("stdin")),
        source,
    };
    match input.kind {
        InputKind::JsonLines | InputKind::JsonLinesGz if input.path.is_some() => {
            let Some(path) = &input.path else { return };
            let file = match File::open(path) {
                Ok(f) => f,
                Err(e) => return sink(Err(io_err(e))),
            };
            let reader: Box<dyn BufRead> = if input.kind == InputKind::JsonLinesGz {
                Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
            } else {
                Box::new(BufReader::new(file))
            };
            read_json_lines(reader, &origin, basename(path), limits.record_bytes, sink);
        }
        _ => {
            let mut bytes = Vec::new();
            let cap = limits.record_bytes as u64 + 1;
            let res = match &input.path {
                Some(p) => File::open(p).and_then(|f| f.take(cap).read_to_end(&mut bytes)),
                None => std::io::stdin().lock().take(cap).read_to_end(&mut bytes),
            };
            if let Err(e) = res {
                return sink(Err(io_err(e)));
            }
            if bytes.len() > limits.record_bytes {
                // the file's size when it is a file (stdin: at least the limit)
                let size = input
                    .path
                    .as_ref()
                    .and_then(|p| std::fs::metadata(p).ok())
                    .map_or(bytes.len(), |m| m.len() as usize);
                return sink(Err(IngestError::Record {
                    origin,
                    problem: too_large(size, limits.record_bytes),
                }));
            }
            let name = input
                .path
                .as_deref()
                .map_or_else(|| "stdin".to_string(), basename);
            let kind = if input.kind == InputKind::Sniff {
                sniff(&bytes)
            } else {
                input.kind
            };
            read_whole(&bytes, kind, &origin, name, limits.record_bytes, sink);
        }
    }
}

fn read_whole(
    bytes: &[u8],
    kind: InputKind,
    origin: &str,
    name: String,
    record_bytes: usize,
    sink: &mut impl FnMut(Result<Document, IngestError>),
) {
    let hint = (kind == InputKind::Html)
        .then(|| sniff_html_charset(bytes))
        .flatten();
    let decoded = match decode(bytes, hint.as_deref()) {
        Ok(d) => d,
        Err(source) => {
            return sink(Err(IngestError::Decode {
                origin: origin.to_string(),
                source,
            }))
        }
    };
    if let Some(at) = decoded.first_damage {
        tracing::warn!(
            "{origin}: {} damaged UTF-8 sequence(s) replaced by U+FFFD, the first at byte {at}; \
             the rest is read as UTF-8",
            decoded.replaced
        );
    }
    match kind {
        InputKind::Html => {
            let page = match parse_html_checked(&decoded.text) {
                Ok(p) => p,
                Err(e) => {
                    return sink(Err(IngestError::Record {
                        origin: origin.to_string(),
                        problem: e.to_string(),
                    }))
                }
            };
            let text = match &page.title {
                Some(t) if !page.body.is_empty() => format!("{t}\n\n{}", page.body),
                Some(t) => t.clone(),
                None => page.body.clone(),
            };
            let mut meta = page.meta;
            meta.encoding = decoded.encoding;
            sink(Ok(Document {
                source: name,
                origin: origin.to_string(),
                text,
                meta,
            }));
        }
        InputKind::Json => match serde_json::from_str::<serde_json::Value>(&decoded.text) {
            Ok(serde_json::Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let o = format!("{origin}[{i}]");
                    sink(document_from_record(item, o, format!("{name}#{}", i + 1)));
                }
            }
            Ok(value) => sink(document_from_record(&value, origin.to_string(), name)),
            Err(e) => {
                // not a single JSON value: maybe JSON Lines under a .json name
                if decoded
                    .text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count()
                    > 1
                {
                    read_json_lines(decoded.text.as_bytes(), origin, name, record_bytes, sink);
                } else {
                    sink(Err(IngestError::Json {
                        origin: origin.to_string(),
                        message: e.to_string(),
                    }))
                }
            }
        },
        InputKind::JsonLines | InputKind::JsonLinesGz => {
            read_json_lines(decoded.text.as_bytes(), origin, name, record_bytes, sink)
        }
        InputKind::Text | InputKind::Sniff => {
            let meta = DocumentMeta {
                encoding: decoded.encoding,
                ..DocumentMeta::default()
            };
            sink(Ok(Document {
                source: name,
                origin: origin.to_string(),
                text: decoded.text,
                meta,
            }));
        }
    }
}

/// The problem of a record of `size` bytes, over `limit`.
fn too_large(size: usize, limit: usize) -> String {
    format!(
        "too large ({}, limit {}); skipped (a news page is far smaller)",
        megabytes(size),
        megabytes(limit)
    )
}

fn read_json_lines(
    mut reader: impl BufRead,
    origin: &str,
    name: String,
    record_bytes: usize,
    sink: &mut impl FnMut(Result<Document, IngestError>),
) {
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        n += 1;
        match (&mut reader)
            .take(record_bytes as u64 + 1)
            .read_until(b'\n', &mut line)
        {
            Ok(0) => break,
            Ok(_) if line.len() > record_bytes && !line.ends_with(b"\n") => {
                // skip the rest of the record, counting it
                let rest = reader.skip_until(b'\n');
                sink(Err(IngestError::Record {
                    origin: format!("{origin}:{n}"),
                    problem: too_large(line.len() + *rest.as_ref().unwrap_or(&0), record_bytes),
                }));
                if rest.is_err() {
                    break;
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                sink(Err(IngestError::Record {
                    origin: format!("{origin}:{n}"),
                    problem: format!("cannot read: {e}"),
                }));
                break;
            }
        }
        let o = format!("{origin}:{n}");
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t,
            Err(e) => {
                sink(Err(IngestError::Record {
                    origin: o,
                    problem: format!("line is not UTF-8 ({e}); JSON must be UTF-8"),
                }));
                continue;
            }
        };
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => sink(document_from_record(&v, o, format!("{name}:{n}"))),
            Err(e) => sink(Err(IngestError::Json {
                origin: o,
                message: e.to_string(),
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(bytes: &[u8], kind: InputKind) -> Vec<Result<Document, IngestError>> {
        let mut out = Vec::new();
        read_whole(
            bytes,
            kind,
            "t",
            "t.jsonl".into(),
            MAX_RECORD_BYTES,
            &mut |d| out.push(d),
        );
        out
    }

    #[test]
    fn saudinewsnet_and_plain_records() {
        let data = concat!(
            r#"{"id": "abc", "source": "okaz", "url": "http://okaz.com.sa/x", "date_extracted": "2015-08-01 10:00:00", "title": "عنوان الخبر", "author": "", "content": "نص الخبر عن هجوم مسلح."}"#,
            "\n\n",
            r#"{"id": 7, "title": "", "text": "نص بلا عنوان"}"#,
            "\n",
            "{broken\n",
            r#"{"id": "x", "title": "بلا نص"}"#,
            "\n"
        );
        let docs = collect(data.as_bytes(), InputKind::JsonLines);
        assert_eq!(docs.len(), 4);
        let d0 = docs[0].as_ref().expect("first");
        assert_eq!(d0.source, "abc");
        assert_eq!(d0.text, "عنوان الخبر\n\nنص الخبر عن هجوم مسلح.");
        assert_eq!(
            d0.meta.published.as_ref().map(|p| p.0.as_str()),
            Some("2015-08-01")
        );
        assert_eq!(d0.meta.outlet_id.as_deref(), Some("okaz"));
        let d1 = docs[1].as_ref().expect("second");
        assert_eq!((d1.source.as_str(), d1.text.as_str()), ("7", "نص بلا عنوان"));
        let e2 = docs[2].as_ref().expect_err("broken line");
        assert!(e2.to_string().starts_with("t:4: not valid JSON"), "{e2}");
        let e3 = docs[3].as_ref().expect_err("no body");
        assert!(e3.to_string().contains("no `content` or `text`"), "{e3}");
    }

    #[test]
    fn a_record_over_the_limit_is_refused_and_the_next_one_read() {
        let good = r#"{"id": "a", "title": "قصف مواقع في صعدة", "content": "شنت طائرات غارات على مواقع في صعدة."}"#;
        let huge = format!(
            r#"{{"id": "b", "content": "{}"}}"#,
            "ا".repeat(MAX_RECORD_BYTES)
        );
        let bytes = format!("{huge}\n{good}\n");
        let out = collect(bytes.as_bytes(), InputKind::JsonLines);
        assert_eq!(out.len(), 2);
        match &out[0] {
            Err(IngestError::Record { origin, problem }) => {
                assert!(
                    origin.ends_with(":1") && problem.contains("too large (65 MB, limit 32 MB)"),
                    "{problem}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert!(out[1].as_ref().is_ok_and(|d| d.text.contains("صعدة")));
    }

    #[test]
    fn a_text_over_the_limit_is_refused_by_name() {
        let long = format!("قصف {}", "الحوثي ".repeat(MAX_TEXT_BYTES / 10));
        let doc = Document {
            source: "long".into(),
            origin: "long.txt".into(),
            text: long,
            meta: DocumentMeta::default(),
        };
        match text_within_limit(doc, Limits::default()) {
            Err(IngestError::Record { origin, problem }) => {
                assert_eq!(origin, "long.txt");
                assert!(
                    problem.contains("text too long (2.7 MB, limit 2 MB)"),
                    "{problem}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn limits_are_the_user_s_to_set() {
        let dir = std::env::temp_dir().join(format!("rasid-limits-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("two.jsonl");
        let short = r#"{"id": "a", "content": "قصف مواقع في صعدة."}"#;
        let long = format!(r#"{{"id": "b", "content": "{}"}}"#, "قصف ".repeat(100_000));
        std::fs::write(&path, format!("{long}\n{short}\n")).expect("write");
        let inputs = [Input {
            path: Some(path),
            kind: InputKind::JsonLines,
        }];
        let run = |limits: Limits| {
            let mut out = Vec::new();
            read_all(&inputs, limits, |d| out.push(d.map(|d| d.source)));
            out
        };
        // by default both are read
        assert!(run(Limits::default()).iter().all(|d| d.is_ok()));
        // a record limit of 0.5 MB refuses the long line by its line number
        let out = run(Limits {
            record_bytes: 1 << 19,
            ..Limits::default()
        });
        let e = out[0].as_ref().expect_err("the long record");
        assert!(
            e.to_string()
                .contains(":1: too large (0.7 MB, limit 0.5 MB)"),
            "{e}"
        );
        assert_eq!(out[1].as_ref().ok().map(String::as_str), Some("a"));
        // a text limit of 0.5 MB refuses the long text by its origin
        let out = run(Limits {
            text_bytes: 1 << 19,
            ..Limits::default()
        });
        let e = out[0].as_ref().expect_err("the long text");
        assert!(
            e.to_string()
                .contains("text too long (0.7 MB, limit 0.5 MB)"),
            "{e}"
        );
        assert_eq!(out[1].as_ref().ok().map(String::as_str), Some("a"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn json_array_file() {
        let data = r#"[{"id": "a", "text": "الأول"}, {"id": "b", "text": "الثاني"}]"#;
        let docs = collect(data.as_bytes(), InputKind::Json);
        let ids: Vec<_> = docs
            .iter()
            .filter_map(|d| d.as_ref().ok())
            .map(|d| d.source.clone())
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn bytes_in_memory_are_read_as_a_file_of_their_kind() {
        use std::io::Write;
        let line = r#"{"id": "g", "content": "غارات على مواقع في صعدة."}"#;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(format!("{line}\n{line}\n").as_bytes())
            .expect("gzip in memory");
        let gz = gz.finish().expect("gzip in memory");
        let mut docs = Vec::new();
        read_bytes(
            &gz,
            InputKind::JsonLinesGz,
            "t.jsonl.gz",
            Limits::default(),
            |d| docs.push(d),
        );
        let ids: Vec<_> = docs.iter().flatten().map(|d| d.source.as_str()).collect();
        assert_eq!(ids, ["g", "g"]);
        let mut docs = Vec::new();
        // «<p>شنت طائرات غارات على مواقع في صعدة.</p>» in windows-1256
        let page = b"<p>\xd4\xe4\xca \xd8\xc7\xc6\xd1\xc7\xca \xdb\xc7\xd1\xc7\xca \xda\xe1\xec \
                     \xe3\xe6\xc7\xde\xda \xdd\xed \xd5\xda\xcf\xc9.</p>";
        read_bytes(page, InputKind::Sniff, "t", Limits::default(), |d| {
            docs.push(d)
        });
        let page = docs[0].as_ref().expect("a page");
        assert_eq!(page.meta.encoding, "windows-1256");
        assert!(page.text.contains("صعدة"), "{}", page.text);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"  {\"id\":1}"), InputKind::JsonLines);
        assert_eq!(sniff(b"<!doctype html>"), InputKind::Html);
        assert_eq!(sniff("خبر".as_bytes()), InputKind::Text);
    }
}
