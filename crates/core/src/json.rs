//! JSON text to a small tree, for the document reader (`read.rs`) and the migrations
//! (`doc.rs`).
//!
//! Why not `serde_json::Value`: the browser reads the stored document before it draws the
//! first page, and `Value` brought serde's whole deserialiser machinery into the first
//! download, with a B-tree per object (each of them built, searched once and freed: most of
//! the load time of a large workspace). Here an object is a vector of its entries in the
//! order written, and the parser is one small recursive function.
//!
//! The grammar is RFC 8259's, as strictly as serde_json reads it: no comments, no trailing
//! commas, no control characters in strings, no lone surrogates, nothing after the value,
//! at most 127 levels of nesting. A refusal says what and where (`line 3, column 14`).

use std::fmt::{self, Write};

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Json>),
    Object(Object),
}

/// A JSON number: whole numbers that fit 64 bits are kept; any other number (a fraction,
/// an exponent, too large) only as its text, since no field of the document is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Number {
    Whole(u64),
    Negative(i64),
    Other(String),
}

/// A JSON object: its entries in the order written. A name written twice is kept twice;
/// [`Object::remove`] takes the last one and drops the others (serde_json's rule: the last
/// one wins).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Object(Vec<(String, Json)>);

impl Object {
    pub fn new() -> Object {
        Object(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of `name` (the last one, if written twice).
    pub fn get(&self, name: &str) -> Option<&Json> {
        self.0.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Json> {
        self.0
            .iter_mut()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// Takes `name` out (the last one written; any earlier one goes too).
    pub fn remove(&mut self, name: &str) -> Option<Json> {
        let last = self.0.iter().rposition(|(n, _)| n == name)?;
        let (_, value) = self.0.remove(last);
        self.0.retain(|(n, _)| n != name);
        Some(value)
    }

    /// Sets `name`, in place if it is there, else at the end.
    pub fn insert(&mut self, name: String, value: Json) {
        match self.get_mut(&name) {
            Some(slot) => *slot = value,
            None => self.0.push((name, value)),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(n, _)| n.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Json)> {
        self.0.iter_mut().map(|(n, v)| (n.as_str(), v))
    }
}

impl IntoIterator for Object {
    type Item = (String, Json);
    type IntoIter = std::vec::IntoIter<(String, Json)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Json {
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(Number::Whole(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(Number::Whole(n)) => i64::try_from(*n).ok(),
            Json::Number(Number::Negative(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The value of `name` in an object.
    pub fn get(&self, name: &str) -> Option<&Json> {
        self.as_object()?.get(name)
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Json> {
        self.as_object_mut()?.get_mut(name)
    }

    /// Reads JSON text.
    pub fn parse(text: &str) -> Result<Json, ParseError> {
        let mut parser = Parser {
            text: text.as_bytes(),
            at: 0,
        };
        let value = parser.value(0)?;
        parser.blank();
        if parser.at < parser.text.len() {
            return Err(parser.error("unexpected text after the end of the value"));
        }
        Ok(value)
    }
}

/// Compact JSON text, as serde_json writes it (for messages that quote a value).
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(Number::Whole(n)) => write!(f, "{n}"),
            Json::Number(Number::Negative(n)) => write!(f, "{n}"),
            Json::Number(Number::Other(text)) => f.write_str(text),
            Json::String(s) => quoted(f, s),
            Json::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Json::Object(object) => {
                f.write_char('{')?;
                for (i, (name, value)) in object.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    quoted(f, name)?;
                    write!(f, ":{value}")?;
                }
                f.write_char('}')
            }
        }
    }
}

fn quoted(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if u32::from(c) < 0x20 => write!(f, "\\u{:04x}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// Why a text is not JSON, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub problem: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.problem, self.line, self.column
        )
    }
}

impl std::error::Error for ParseError {}

/// serde_json's limit (127 levels accepted): deeper text would risk the stack, and no
/// document nests anywhere near this deep.
const MAX_DEPTH: usize = 127;

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    /// Where `self.at` is, counted as an editor does (columns in characters, from 1).
    fn error(&self, problem: &'static str) -> ParseError {
        let before = &self.text[..self.at.min(self.text.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        ParseError {
            problem,
            line: before.iter().filter(|&&b| b == b'\n').count() + 1,
            column,
        }
    }

    fn blank(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn literal(&mut self, word: &'static [u8], value: Json) -> Result<Json, ParseError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, ParseError> {
        self.blank();
        match self.peek() {
            None => Err(self.error("the text ends where a value was expected")),
            Some(b'n') => self.literal(b"null", Json::Null),
            Some(b't') => self.literal(b"true", Json::Bool(true)),
            Some(b'f') => self.literal(b"false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                if depth == MAX_DEPTH {
                    return Err(self.error("nested more than 127 levels deep"));
                }
                self.at += 1;
                let mut items = Vec::new();
                self.blank();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.blank();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.error("expected , or ] in a list")),
                    }
                }
            }
            Some(b'{') => {
                if depth == MAX_DEPTH {
                    return Err(self.error("nested more than 127 levels deep"));
                }
                self.at += 1;
                let mut entries = Vec::new();
                self.blank();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Json::Object(Object(entries)));
                }
                loop {
                    self.blank();
                    if self.peek() != Some(b'"') {
                        return Err(self.error("expected a name in quotes"));
                    }
                    let name = self.string()?;
                    self.blank();
                    if self.peek() != Some(b':') {
                        return Err(self.error("expected : after a name"));
                    }
                    self.at += 1;
                    entries.push((name, self.value(depth + 1)?));
                    self.blank();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(Object(entries)));
                        }
                        _ => return Err(self.error("expected , or } in an object")),
                    }
                }
            }
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn number(&mut self) -> Result<Json, ParseError> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit")),
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            whole = false;
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            whole = false;
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            self.digits();
        }
        // Only ASCII was consumed.
        let text = std::str::from_utf8(&self.text[start..self.at]).unwrap_or_default();
        let number = match (whole, negative) {
            (true, false) => text.parse().map(Number::Whole).ok(),
            // serde_json reads -0 as a fraction (-0.0), so here too.
            (true, true) => text.parse().ok().filter(|n| *n != 0).map(Number::Negative),
            _ => None,
        };
        Ok(Json::Number(
            number.unwrap_or_else(|| Number::Other(text.to_string())),
        ))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    /// A string, `self.at` on its opening quote. The text is UTF-8 already (it came as a
    /// `&str`), so a run without escapes is copied as it is.
    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut out = String::new();
        let mut run = self.at;
        loop {
            match self.peek() {
                None => return Err(self.error("the text ends inside a string")),
                Some(b'"') => {
                    out.push_str(self.slice(run));
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.slice(run));
                    self.at += 1;
                    let c = self.escape()?;
                    out.push(c);
                    run = self.at;
                }
                Some(0..=0x1F) => {
                    return Err(self.error("a control character (U+0000 to U+001F) in a string"))
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// `self.text[from..self.at]`, which starts and ends at character boundaries.
    fn slice(&self, from: usize) -> &str {
        std::str::from_utf8(&self.text[from..self.at]).unwrap_or_default()
    }

    /// The character an escape stands for, `self.at` just after the backslash.
    fn escape(&mut self) -> Result<char, ParseError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !self.text[self.at..].starts_with(b"\\u") {
                            return Err(self.error("a lone surrogate in a \\u escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("a lone surrogate in a \\u escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("a lone surrogate in a \\u escape")),
                    code => code,
                };
                return char::from_u32(code).ok_or_else(|| self.error("an invalid \\u escape"));
            }
            _ => return Err(self.error("an unknown escape after \\")),
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.error("expected four hex digits after \\u")),
            };
            code = code * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The same value as serde_json's, for comparing the two parsers.
    fn to_serde(value: &Json) -> serde_json::Value {
        match value {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Number(Number::Whole(n)) => (*n).into(),
            Json::Number(Number::Negative(n)) => (*n).into(),
            Json::Number(Number::Other(text)) => serde_json::from_str(text).unwrap(),
            Json::String(s) => s.clone().into(),
            Json::Array(items) => items.iter().map(to_serde).collect(),
            Json::Object(o) => serde_json::Value::Object(
                o.iter()
                    .map(|(n, v)| (n.to_string(), to_serde(v)))
                    .collect(),
            ),
        }
    }

    fn refused(text: &str) -> String {
        Json::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = Json::parse(
            " {\"a\": [1, -2, 3.5, 1e3, true, false, null], \"b\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"c\": {}} ",
        )
        .unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(
            o.get("b").unwrap().as_str(),
            Some("x\"\\/\u{8}\u{c}\n\r\té😀")
        );
        let Json::Array(a) = o.get("a").unwrap() else {
            panic!()
        };
        assert_eq!(a[0].as_u64(), Some(1));
        assert_eq!(a[1].as_i64(), Some(-2));
        assert_eq!(a[1].as_u64(), None);
        assert_eq!(a[2], Json::Number(Number::Other("3.5".into())));
        assert_eq!(a[2].as_u64(), None);
        assert_eq!(a[3].as_u64(), None, "1e3 is not written as a whole number");
        assert_eq!(
            Json::parse("18446744073709551615").unwrap().as_u64(),
            Some(u64::MAX)
        );
        assert_eq!(
            Json::parse("18446744073709551616").unwrap(),
            Json::Number(Number::Other("18446744073709551616".into()))
        );
        assert_eq!(
            Json::parse("-9223372036854775808").unwrap().as_i64(),
            Some(i64::MIN)
        );
        assert_eq!(Json::parse("-0").unwrap().as_i64(), None);
    }

    #[test]
    fn refuses_what_serde_json_refuses_and_says_where() {
        assert_eq!(
            refused(""),
            "the text ends where a value was expected at line 1, column 1"
        );
        assert_eq!(
            refused("{\"a\": 1,}"),
            "expected a name in quotes at line 1, column 9"
        );
        assert_eq!(refused("[1, 2,]"), "expected a value at line 1, column 7");
        assert_eq!(
            refused("{\n  \"a\": 1\n  \"b\": 2}"),
            "expected , or } in an object at line 3, column 3"
        );
        assert_eq!(
            refused("{\"é\" 1}"),
            "expected : after a name at line 1, column 6"
        );
        assert_eq!(
            refused("[1] x"),
            "unexpected text after the end of the value at line 1, column 5"
        );
        assert_eq!(
            refused("\"a\nb\""),
            "a control character (U+0000 to U+001F) in a string at line 1, column 3"
        );
        assert_eq!(
            refused("\"\\ud800\""),
            "a lone surrogate in a \\u escape at line 1, column 8"
        );
        assert_eq!(
            refused("\"\\udc00\""),
            "a lone surrogate in a \\u escape at line 1, column 8"
        );
        assert_eq!(
            refused("\"\\x\""),
            "an unknown escape after \\ at line 1, column 3"
        );
        assert_eq!(
            refused("\"\\u12g4\""),
            "expected four hex digits after \\u at line 1, column 6"
        );
        assert_eq!(
            refused("\"abc"),
            "the text ends inside a string at line 1, column 5"
        );
        assert_eq!(
            refused("01"),
            "unexpected text after the end of the value at line 1, column 2"
        );
        assert_eq!(
            refused("1."),
            "expected a digit after the decimal point at line 1, column 3"
        );
        assert_eq!(
            refused("1e"),
            "expected a digit in the exponent at line 1, column 3"
        );
        assert_eq!(refused("-"), "expected a digit at line 1, column 2");
        assert_eq!(refused("nul"), "expected a value at line 1, column 1");
        assert_eq!(refused("// no\n1"), "expected a value at line 1, column 1");
        for text in [
            "",
            "{\"a\": 1,}",
            "[1, 2,]",
            "[1] x",
            "\"a\nb\"",
            "\"\\ud800\"",
            "01",
            "1.",
            "nul",
        ] {
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text}"
            );
        }
    }

    #[test]
    fn nesting_is_limited_like_serde_json() {
        let deep = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(Json::parse(&deep(127)).is_ok());
        assert!(refused(&deep(128)).starts_with("nested more than 127 levels deep"));
        assert!(serde_json::from_str::<serde_json::Value>(&deep(127)).is_ok());
        assert!(serde_json::from_str::<serde_json::Value>(&deep(128)).is_err());
    }

    #[test]
    fn a_name_written_twice_reads_as_the_last_one() {
        let Json::Object(mut o) = Json::parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap() else {
            panic!()
        };
        assert_eq!(o.get("a").and_then(Json::as_u64), Some(3));
        assert_eq!(o.remove("a").and_then(|v| v.as_u64()), Some(3));
        assert_eq!(o.keys().collect::<Vec<_>>(), ["b"]);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(r#"{"a": 1, "a": 3}"#).unwrap()["a"],
            3
        );
    }

    #[test]
    fn display_writes_compact_json_like_serde_json() {
        let text = r#"{"a":[1,-2,3.5,true,null],"b":"q\"\\\n\u0001é"}"#;
        let v = Json::parse(text).unwrap();
        assert_eq!(v.to_string(), serde_json::to_string(&to_serde(&v)).unwrap());
    }

    /// Any value without fractions (serde_json's own reading of a fraction is not always the
    /// nearest float, so two readings of one text could differ; the document has none).
    fn any_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<u64>().prop_map(Into::into),
            any::<i64>().prop_map(Into::into),
            any::<String>().prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
                prop::collection::btree_map(any::<String>(), inner, 0..8)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Whatever serde_json writes, compact or indented, reads back as the same value.
        #[test]
        fn reads_what_serde_json_writes(value in any_json(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let read = Json::parse(&text).unwrap();
            prop_assert_eq!(to_serde(&read), value);
        }

        /// Any text: the same verdict as serde_json, and never a panic.
        #[test]
        fn accepts_exactly_what_serde_json_accepts(text in "[\\[\\]{}\",:0-9.eE+\\-a-z\\\\ \n]{0,24}") {
            let ours = Json::parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} / {:?}", text, ours, theirs);
            if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                prop_assert_eq!(to_serde(&ours), theirs);
            }
        }
    }
}
