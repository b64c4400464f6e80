//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy encodings
//! (windows-1256 above all) detected with `chardetng`, never assumed.

use encoding_rs::Encoding;

/// Why a byte stream could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("looks binary ({0} NUL bytes in the first 8 KiB), not a text page")]
    Binary(usize),
    #[error("{0} is not an encoding this build can read")]
    Unsupported(String),
    #[error("does not read as text ({0}% control characters), not a text page")]
    NotText(usize),
}

/// The share of control characters (other than tab, line feed, form feed and carriage
/// return) in the first chars of a decoded text above which it is no text: random or
/// binary bytes decode to about 11% control characters in any single-byte encoding, a
/// page to almost none.
const MAX_CONTROL_PERCENT: usize = 2;
/// How many chars the control-character check reads.
const CONTROL_SAMPLE_CHARS: usize = 65_536;

/// `d` if it reads as text, else why not.
fn checked(d: Decoded) -> Result<Decoded, DecodeError> {
    let (mut n, mut control) = (0usize, 0usize);
    for c in d.text.chars().take(CONTROL_SAMPLE_CHARS) {
        n += 1;
        control += usize::from(c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'));
    }
    if n > 0 && control * 100 > MAX_CONTROL_PERCENT * n {
        Err(DecodeError::NotText(control * 100 / n))
    } else {
        Ok(d)
    }
}

/// Text with the name of the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Damaged UTF-8 sequences replaced by U+FFFD (an invalid byte, a character cut off
    /// at the end); 0 for a clean file.
    pub replaced: usize,
    /// The byte offset of the first damaged sequence, if any.
    pub first_damage: Option<usize>,
}

/// How many correctly encoded non-ASCII characters a UTF-8 text must have per damaged
/// sequence to be read as UTF-8 with the damage replaced. A page in a legacy encoding
/// (windows-1256 Arabic) is almost all damage when read as UTF-8; a UTF-8 page with a
/// stray byte or a last character cut off is almost none.
const UTF8_CHARS_PER_DAMAGE: usize = 20;

/// Is `bytes` UTF-8 but for a few damaged sequences? Returns how many, or `None` when the
/// text is no UTF-8 (or clean UTF-8: then 0 damaged sequences is answered by the caller's
/// strict check).
fn damaged_utf8(bytes: &[u8]) -> Option<(usize, usize)> {
    let (mut good, mut damaged, mut offset) = (0usize, 0usize, 0usize);
    let mut first = None;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            damaged += 1;
            first.get_or_insert(offset);
        }
        offset += chunk.invalid().len();
    }
    let first = first?;
    (good >= UTF8_CHARS_PER_DAMAGE * damaged).then_some((damaged, first))
}

/// Decode `bytes`, detecting the encoding. `hint` is a label declared by the container
/// (an HTML `<meta charset>` or HTTP header); a BOM or valid UTF-8 wins over it.
pub fn decode(bytes: &[u8], hint: Option<&str>) -> Result<Decoded, DecodeError> {
    decode_unchecked(bytes, hint).and_then(checked)
}

/// [`decode`] without the check that the result reads as text.
fn decode_unchecked(bytes: &[u8], hint: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            replaced: 0,
            first_damage: None,
        });
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if nuls > 0 {
        // UTF-16 without BOM is legal but rare; treat NULs in a page as binary.
        return Err(DecodeError::Binary(nuls));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            replaced: 0,
            first_damage: None,
        });
    }
    if let Some((replaced, first)) = damaged_utf8(bytes) {
        return Ok(Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: "UTF-8",
            replaced,
            first_damage: Some(first),
        });
    }
    let declared = hint.and_then(|h| Encoding::for_label(h.trim().as_bytes()));
    let enc = match declared {
        Some(e) if e != encoding_rs::UTF_8 => e,
        _ => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            det.guess(None, true)
        }
    };
    if enc == encoding_rs::REPLACEMENT {
        return Err(DecodeError::Unsupported(enc.name().to_string()));
    }
    let (text, _, _) = enc.decode(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        replaced: 0,
        first_damage: None,
    })
}

/// Find a `<meta charset=…>` or `content="…; charset=…"` label in the first 2 KiB of HTML.
pub fn sniff_html_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let idx = head.find("charset=")?;
    let rest = &head[idx + "charset=".len()..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!label.is_empty()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "أعلنت قوات الأمن القبض على خلية إرهابية في محافظة البيضاء، وضبطت أسلحة وعبوات ناسفة بحوزتها.";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SENTENCE.as_bytes(), None).expect("utf8");
        assert_eq!(plain.text, SENTENCE);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SENTENCE.as_bytes());
        let d = decode(&bom, None).expect("utf8 bom");
        assert_eq!(d.text, SENTENCE, "BOM stripped");
    }

    #[test]
    fn one_bad_byte_or_a_cut_last_character_keeps_utf8() {
        let text = format!("{SENTENCE}\n{SENTENCE}");
        // a stray byte in the middle
        let mut bytes = text.as_bytes().to_vec();
        let space = text.find(' ').expect("a space");
        bytes.insert(space, 0xFF);
        let d = decode(&bytes, None).expect("damaged utf8");
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        assert_eq!(d.first_damage, Some(space));
        assert!(d.text.contains("قوات الأمن القبض على خلية"), "{}", d.text);
        assert_eq!(d.text.chars().filter(|c| *c == '\u{FFFD}').count(), 1);
        // the last character cut in half
        // (the text ends in «ا.»: drop the full stop and half of the alef)
        let cut = &text.as_bytes()[..text.len() - 2];
        let d = decode(cut, None).expect("cut utf8");
        assert_eq!((d.encoding, d.replaced), ("UTF-8", 1));
        assert!(d.text.starts_with(SENTENCE));
    }

    #[test]
    fn random_bytes_without_nuls_are_no_text() {
        // a fixed pseudo-random stream (xorshift), NUL bytes replaced
        let mut x: u32 = 2_463_534_242;
        let bytes: Vec<u8> = (0..20_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x as u8).max(1)
            })
            .collect();
        assert!(matches!(decode(&bytes, None), Err(DecodeError::NotText(p)) if p >= 5));
        // a page with a few control characters is still a page
        let page = format!("{SENTENCE}\u{7}\n{SENTENCE}\n{SENTENCE}");
        assert!(decode(page.as_bytes(), None).is_ok());
    }

    #[test]
    fn utf16_with_bom() {
        for (enc, bom) in [
            (encoding_rs::UTF_16LE, [0xFF, 0xFE]),
            (encoding_rs::UTF_16BE, [0xFE, 0xFF]),
        ] {
            let mut bytes = bom.to_vec();
            for unit in SENTENCE.encode_utf16() {
                let b = if enc == encoding_rs::UTF_16LE {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                };
                bytes.extend_from_slice(&b);
            }
            let d = decode(&bytes, None).expect("utf16");
            assert_eq!(d.text, SENTENCE);
            assert_eq!(d.encoding, enc.name());
        }
    }

    #[test]
    fn windows_1256_is_detected_without_a_hint() {
        let text =
            format!("{SENTENCE}\n{SENTENCE}\nوقال مصدر أمني إن العملية جاءت بعد رصد استمر أسابيع.");
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
        assert!(!unmappable);
        let d = decode(&bytes, None).expect("cp1256");
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, text);
    }

    #[test]
    fn binary_is_refused() {
        let bytes = [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 0];
        assert!(matches!(decode(&bytes, None), Err(DecodeError::Binary(_))));
    }

    #[test]
    fn html_charset_sniffing() {
        let html = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head>"#;
        assert_eq!(sniff_html_charset(html).as_deref(), Some("windows-1256"));
        assert_eq!(
            sniff_html_charset(b"<meta charset='utf-8'>").as_deref(),
            Some("utf-8")
        );
    }
}
