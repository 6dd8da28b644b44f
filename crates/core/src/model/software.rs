//! Software products (R-SW-1..3).

use super::organisation::Offer;
use crate::ids::{PackageId, SoftwareId, UserId};
use crate::key::ProductKey;
use crate::validate::same_text;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A software benefit: the product, its keys, and where to download it (R-SW-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SoftwareProduct {
    pub id: SoftwareId,
    pub name: String,
    /// The offer that provided it.
    pub offer: Offer,
    /// The package it came with, if known (its activation blocks that package's
    /// cancellation, R-MEM-2).
    pub package: Option<PackageId>,
    pub keys: Vec<SoftwareKey>,
    pub special_instructions: String,
    pub languages: Vec<String>,
    /// E.g. "Windows x64", "Windows x86", "Windows ARM64".
    pub os_types: Vec<String>,
    pub downloads: Vec<DownloadLink>,
    /// Set by the first "Get keys" (R-SW-2): the benefit counts as activated from then on.
    pub revealed: Option<Revealed>,
}

/// A software product key and how many activations it allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SoftwareKey {
    pub key: ProductKey,
    pub activations: u32,
}

/// A download for one language and OS type (R-SW-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DownloadLink {
    pub language: String,
    pub os_type: String,
    pub url: String,
}

/// When and by whom the keys were first revealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Revealed {
    pub at: NaiveDateTime,
    pub by: UserId,
}

/// What a person enters for a software product; keys as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSoftwareProduct {
    pub name: String,
    pub offer: Offer,
    #[serde(default)]
    pub package: Option<PackageId>,
    #[serde(default)]
    pub keys: Vec<NewSoftwareKey>,
    #[serde(default)]
    pub special_instructions: String,
    pub languages: Vec<String>,
    pub os_types: Vec<String>,
    #[serde(default)]
    pub downloads: Vec<DownloadLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSoftwareKey {
    pub key: String,
    pub activations: u32,
}

impl SoftwareProduct {
    /// Activated = keys revealed at least once (R-SW-2).
    pub fn activated(&self) -> bool {
        self.revealed.is_some()
    }

    /// R-SW-3: the download links for a language and an OS type (case-insensitive).
    pub fn downloads_for(&self, language: &str, os_type: &str) -> Vec<&DownloadLink> {
        self.downloads
            .iter()
            .filter(|d| same_text(&d.language, language) && same_text(&d.os_type, os_type))
            .collect()
    }
}
