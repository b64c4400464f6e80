//! Text cells for spreadsheets: a cell that a spreadsheet would read as a formula is
//! defused with a leading apostrophe (OWASP's advice on CSV injection), numbers excepted.

use std::borrow::Cow;

/// `s` safe to open in a spreadsheet: a text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`; a number («-3», «+2.5») stays as it is.
pub fn defuse(s: &str) -> Cow<'_, str> {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.parse::<f64>().is_err() {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("+قصف"), "'+قصف");
        assert_eq!(defuse("-3"), "-3");
        assert_eq!(defuse("صنعاء"), "صنعاء");
        assert_eq!(defuse(""), "");
    }
}
