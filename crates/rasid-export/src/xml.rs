//! XML text and attribute values, escaped by `quick-xml`.

use std::borrow::Cow;

/// `s` escaped for an XML attribute value or text node (`& < > " '`).
pub fn esc(s: &str) -> Cow<'_, str> {
    quick_xml::escape::escape(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_is_escaped_and_arabic_kept() {
        assert_eq!(
            super::esc("«أنصار الله» <\"Ansar\" & co>"),
            "«أنصار الله» &lt;&quot;Ansar&quot; &amp; co&gt;"
        );
    }
}
