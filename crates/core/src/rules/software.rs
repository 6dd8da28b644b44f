//! Software products (R-SW-1..2).

use super::{get, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, SoftwareId};
use crate::key::ProductKey;
use crate::model::{DownloadLink, NewSoftwareProduct, SoftwareKey, SoftwareProduct};
use crate::validate;

use crate::key_paste::MAX_ACTIVATIONS;

/// R-SW-1: name, offer, keys with activation counts, instructions, languages, OS types and
/// a download link per language × OS.
pub(crate) fn add(ctx: &Ctx, new: &NewSoftwareProduct) -> Result<Change, DomainError> {
    let name = validate::text("product name", &new.name)?;
    if let Some(p) = &new.package {
        get(&ctx.ws.packages, "benefit package", p)?;
    }
    let mut keys: Vec<SoftwareKey> = Vec::new();
    for (i, k) in new.keys.iter().enumerate() {
        let n = i + 1;
        let key = ProductKey::parse(&k.key).map_err(|e| {
            DomainError::new(ErrorCode::KeyMalformed, format!("Key {n}: {e}"))
                .with("key_error", e.code())
                .with("index", n)
        })?;
        if !(1..=MAX_ACTIVATIONS).contains(&k.activations) {
            return Err(DomainError::new(
                ErrorCode::InvalidAmount,
                format!(
                    "Key {n} ({key}) must allow 1 to {MAX_ACTIVATIONS} activations; {} was given.",
                    k.activations
                ),
            )
            .with("field", "activations")
            .with("index", n));
        }
        if keys.iter().any(|o| o.key == key) {
            return Err(DomainError::new(
                ErrorCode::DuplicateKey,
                format!("Key {n} ({key}) is listed twice for this product; list it once."),
            )
            .with("key", key.masked()));
        }
        if let Some(other) = ctx
            .ws
            .software
            .values()
            .find(|s| s.keys.iter().any(|o| o.key == key))
        {
            return Err(DomainError::new(
                ErrorCode::DuplicateKey,
                format!("Key {n} ({}) already belongs to the software product {}. Each key belongs to one product.", key.masked(), other.name),
            )
            .with("key", key.masked())
            .with("software", &other.id));
        }
        keys.push(SoftwareKey {
            key,
            activations: k.activations,
        });
    }
    let special_instructions =
        validate::long_text("special instructions", &new.special_instructions)?;
    let languages = validate::text_list("language", &new.languages)?;
    let os_types = validate::text_list("OS type", &new.os_types)?;
    let mut downloads = Vec::new();
    for d in &new.downloads {
        let url = validate::url("download link", &d.url)?;
        let language = listed(&languages, &d.language, "language", &name)?;
        let os_type = listed(&os_types, &d.os_type, "OS type", &name)?;
        downloads.push(DownloadLink {
            language,
            os_type,
            url,
        });
    }
    Ok(Change::SoftwareProductAdded {
        product: SoftwareProduct {
            id: SoftwareId::from_number(next(ctx.ws.counters.software)),
            name,
            offer: new.offer,
            package: new.package.clone(),
            keys,
            special_instructions,
            languages,
            os_types,
            downloads,
            revealed: None,
        },
    })
}

/// A download's language or OS type must be one the product lists; returns its listed
/// spelling.
fn listed(list: &[String], value: &str, what: &str, product: &str) -> Result<String, DomainError> {
    list.iter()
        .find(|l| validate::same_text(l, value))
        .cloned()
        .ok_or_else(|| {
            DomainError::new(
                ErrorCode::DownloadLinkMismatch,
                format!(
                    "A download link is for the {what} \"{}\", which {product} does not list ({}). Add the {what} to the list or correct the link.",
                    value.trim(),
                    list.join(", ")
                ),
            )
            .with("field", what)
            .with("value", value.trim())
        })
}

/// R-SW-2: "Get keys" reveals the keys and activates the benefit (which blocks the
/// package's cancellation, R-MEM-2). Revealing again is allowed and logged.
pub(crate) fn reveal(ctx: &Ctx, id: &SoftwareId) -> Result<Change, DomainError> {
    let product = get(&ctx.ws.software, "software product", id)?;
    Ok(Change::SoftwareKeysRevealed {
        product: id.clone(),
        first_time: product.revealed.is_none(),
    })
}
