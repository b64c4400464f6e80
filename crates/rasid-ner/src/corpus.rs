//! Reading unlabelled text (for word clusters and the corpus lexicon's
//! sample of sentences): JSON Lines (the `title` and
//! `content` fields of each object, as in SaudiNewsNet) or plain text (one
//! document per blank-line-separated block), either optionally gzipped.

use crate::NerError;
use flate2::read::MultiGzDecoder;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// Reads the documents of a corpus file. `*.gz` is decompressed; a file
/// whose name contains `.jsonl` or `.json` is read as JSON Lines, anything
/// else as plain text.
pub fn read_corpus(path: &Path) -> Result<Vec<String>, NerError> {
    let file = std::fs::File::open(path).map_err(|e| NerError::file(path, e))?;
    let name = path.to_string_lossy();
    let reader: Box<dyn Read> = if name.ends_with(".gz") {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let reader = BufReader::new(reader);
    if name.contains(".json") {
        read_jsonl(reader, path)
    } else {
        read_plain(reader, path)
    }
}

fn read_jsonl(reader: impl BufRead, path: &Path) -> Result<Vec<String>, NerError> {
    let mut docs = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| NerError::file(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| NerError::Corpus {
                path: path.to_path_buf(),
                line: i + 1,
                message: e.to_string(),
            })?;
        let mut doc = String::new();
        for field in ["title", "content", "text"] {
            if let Some(t) = value.get(field).and_then(|v| v.as_str()) {
                doc.push_str(t);
                doc.push('\n');
            }
        }
        if !doc.is_empty() {
            docs.push(doc);
        }
    }
    Ok(docs)
}

fn read_plain(reader: impl BufRead, path: &Path) -> Result<Vec<String>, NerError> {
    let mut docs = Vec::new();
    let mut cur = String::new();
    for line in reader.lines() {
        let line = line.map_err(|e| NerError::file(path, e))?;
        if line.trim().is_empty() {
            if !cur.is_empty() {
                docs.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push_str(&line);
            cur.push('\n');
        }
    }
    if !cur.is_empty() {
        docs.push(cur);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_jsonl_and_plain_text() {
        let dir = std::env::temp_dir().join(format!("rasid-ner-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let jsonl = dir.join("a.jsonl");
        std::fs::write(
            &jsonl,
            "{\"title\": \"عنوان\", \"content\": \"قال الرئيس\"}\n\n{\"id\": 3}\n",
        )
        .expect("write");
        assert_eq!(read_corpus(&jsonl).expect("read"), ["عنوان\nقال الرئيس\n"]);
        std::fs::write(&jsonl, "{not json\n").expect("write");
        assert!(matches!(
            read_corpus(&jsonl),
            Err(NerError::Corpus { line: 1, .. })
        ));
        let txt = dir.join("b.txt");
        std::fs::write(&txt, "سطر اول\nسطر ثان\n\n\nوثيقة ثانية\n").expect("write");
        assert_eq!(
            read_corpus(&txt).expect("read"),
            ["سطر اول\nسطر ثان\n", "وثيقة ثانية\n"]
        );
        assert!(read_corpus(&dir.join("missing.txt")).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
