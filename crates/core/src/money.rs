//! Money: whole minor units (cents) in `i64`, with the organisation's ISO 4217 currency.
//! No floating point anywhere.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 currency code: three upper-case letters (`USD`, `EUR`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(String);

impl Currency {
    /// Reads a code as typed (` usd ` → `USD`).
    pub fn parse(text: &str) -> Option<Currency> {
        let t = text.trim().to_ascii_uppercase();
        if t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase()) {
            Some(Currency(t))
        } else {
            None
        }
    }

    pub fn usd() -> Currency {
        Currency("USD".to_string())
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    /// Digits after the decimal point of this currency's minor unit (ISO 4217; 2 unless
    /// listed).
    pub fn minor_digits(&self) -> u32 {
        match self.0.as_str() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF"
            | "UGX" | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        }
    }

    /// `1234567` cents of USD → `"12,345.67 USD"`.
    pub fn format(&self, minor: i64) -> String {
        let digits = self.minor_digits();
        let scale = 10u128.pow(digits);
        let abs = minor.unsigned_abs() as u128;
        let whole = abs / scale;
        let frac = abs % scale;
        let mut grouped = String::new();
        let w = whole.to_string();
        for (i, c) in w.chars().enumerate() {
            if i > 0 && (w.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if minor < 0 { "-" } else { "" };
        if digits == 0 {
            format!("{sign}{grouped} {}", self.0)
        } else {
            format!(
                "{sign}{grouped}.{frac:0width$} {}",
                self.0,
                width = digits as usize
            )
        }
    }
}

impl Default for Currency {
    /// R-MEM-1: USD unless the organisation says otherwise.
    fn default() -> Self {
        Currency::usd()
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Currency::parse(&s).ok_or_else(|| format!("\"{s}\" is not an ISO 4217 currency code"))
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.0
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_minor_units_exactly() {
        let usd = Currency::usd();
        assert_eq!(usd.format(10_000), "100.00 USD");
        assert_eq!(usd.format(600_000), "6,000.00 USD");
        assert_eq!(usd.format(-5), "-0.05 USD");
        assert_eq!(usd.format(i64::MIN), "-92,233,720,368,547,758.08 USD");
        assert_eq!(
            Currency::parse("jpy").unwrap().format(1_300_000),
            "1,300,000 JPY"
        );
        assert_eq!(Currency::parse("KWD").unwrap().format(1_500), "1.500 KWD");
        assert!(Currency::parse("US").is_none());
        assert!(serde_json::from_str::<Currency>("\"E1R\"").is_err());
    }
}
