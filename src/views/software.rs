//! The Software page's view model (R-SW-1..3) and the reading of its "Add a software
//! product" form. Pure: natively tested, no browser.

use super::software_and_azure::{offer_from_code, split_list};
use crate::i18n::{self, pick};
use benefits_core::model::{DownloadLink, NewSoftwareKey, NewSoftwareProduct, Offer};
use benefits_core::{PackageId, SoftwareId, UserId, Workspace};
use std::collections::BTreeMap;

/// One software product as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoftwareRow {
    pub id: SoftwareId,
    pub name: String,
    pub offer: Offer,
    /// The package it came with: its name (or id when the package is gone).
    pub package: Option<String>,
    pub activated: bool,
    /// "Revealed on 26 September 2026 by Mario Partner-Admin".
    pub revealed: Option<String>,
    pub keys: Vec<KeyLine>,
    pub instructions: String,
    pub languages: Vec<String>,
    pub os_types: Vec<String>,
}

/// A software key as the acting user may see it: masked before "Get keys"; after it, in
/// full for those who may reveal keys and still masked for everyone else (core decides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLine {
    pub text: String,
    pub full: bool,
    pub activations: u32,
}

/// The products, in id order.
pub fn software_ids(ws: &Workspace) -> Vec<SoftwareId> {
    ws.software().keys().cloned().collect()
}

pub fn software_row(ws: &Workspace, id: &SoftwareId, viewer: &UserId) -> Option<SoftwareRow> {
    let p = ws.software().get(id)?;
    let activated = p.activated();
    let full = ws.sees_full_keys(viewer, p);
    Some(SoftwareRow {
        id: p.id.clone(),
        name: p.name.clone(),
        offer: p.offer,
        package: p.package.as_ref().map(|pkg| package_name(ws, pkg)),
        activated,
        revealed: p.revealed.as_ref().map(|r| {
            format!(
                "{} {} {} {}",
                pick("Keys revealed on", "Clés affichées le"),
                i18n::format_date(r.at.date()),
                pick("by", "par"),
                ws.user_name(&r.by)
            )
        }),
        keys: p
            .keys
            .iter()
            .map(|k| KeyLine {
                text: ws.software_key_text(viewer, p, k),
                full,
                activations: k.activations,
            })
            .collect(),
        instructions: p.special_instructions.clone(),
        languages: p.languages.clone(),
        os_types: p.os_types.clone(),
    })
}

fn package_name(ws: &Workspace, id: &PackageId) -> String {
    ws.packages()
        .get(id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// R-SW-3: the download links for the language and OS type picked (core's `downloads_for`).
pub fn downloads_for(
    ws: &Workspace,
    id: &SoftwareId,
    language: &str,
    os_type: &str,
) -> Vec<DownloadLink> {
    ws.software()
        .get(id)
        .map(|p| {
            p.downloads_for(language, os_type)
                .into_iter()
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// What "Get keys" will do, said before it happens (R-SW-2, R-MEM-2).
pub fn reveal_question(row: &SoftwareRow) -> String {
    let first = format!(
        "{} {} {}",
        pick("Show the keys of", "Afficher les clés de"),
        row.name,
        pick(
            "in full? This marks the software benefit as activated, and cannot be undone.",
            "en entier ? L'avantage logiciel sera alors marqué comme activé, sans retour possible."
        )
    );
    match &row.package {
        Some(pkg) => format!(
            "{first} {} “{pkg}” {}",
            pick("The package", "Le package"),
            pick(
                "can then no longer be cancelled with a refund.",
                "ne pourra alors plus être annulé avec remboursement."
            )
        ),
        None => first,
    }
}

/// "Add a software product", as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SoftwareForm {
    pub name: String,
    /// An offer code (`silver`).
    pub offer: String,
    /// A package id, or empty for none.
    pub package: String,
    /// One per line or separated by commas.
    pub languages: String,
    pub os_types: String,
    /// Download links by (language, OS type), as typed in the grid; blanks are no link.
    pub downloads: BTreeMap<(String, String), String>,
    /// One key per line, optionally followed by its activation count.
    pub keys: String,
    /// Activations of a key whose line gives none.
    pub default_activations: String,
    pub instructions: String,
}

impl SoftwareForm {
    pub fn languages(&self) -> Vec<String> {
        split_list(&self.languages)
    }

    pub fn os_types(&self) -> Vec<String> {
        split_list(&self.os_types)
    }

    /// The command's content, or the problems to correct first (each a sentence).
    pub fn read(&self) -> Result<NewSoftwareProduct, Vec<String>> {
        let mut problems = Vec::new();
        let offer = offer_from_code(&self.offer);
        if offer.is_none() {
            problems.push(pick("Choose the offer.", "Choisissez l'offre.").to_string());
        }
        let keys = match read_software_keys(&self.keys, &self.default_activations) {
            Ok(k) => k,
            Err(mut p) => {
                problems.append(&mut p);
                Vec::new()
            }
        };
        let languages = self.languages();
        let os_types = self.os_types();
        let mut downloads = Vec::new();
        for l in &languages {
            for o in &os_types {
                let url = self
                    .downloads
                    .get(&(l.clone(), o.clone()))
                    .map(|u| u.trim())
                    .unwrap_or_default();
                if !url.is_empty() {
                    downloads.push(DownloadLink {
                        language: l.clone(),
                        os_type: o.clone(),
                        url: url.to_string(),
                    });
                }
            }
        }
        match offer {
            Some(offer) if problems.is_empty() => Ok(NewSoftwareProduct {
                name: self.name.clone(),
                offer,
                package: (!self.package.trim().is_empty())
                    .then(|| PackageId::new(self.package.trim())),
                keys,
                special_instructions: self.instructions.clone(),
                languages,
                os_types,
                downloads,
            }),
            _ => Err(problems),
        }
    }
}

/// Keys pasted one per line, each optionally followed by its number of activations
/// (`W7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ, 10` or `… 10`); a line without one takes
/// `default_activations`. The keys themselves are checked by the engine (R-KEY-1).
pub fn read_software_keys(
    text: &str,
    default_activations: &str,
) -> Result<Vec<NewSoftwareKey>, Vec<String>> {
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (key, count) = split_key_line(line);
        let count = count.or_else(|| {
            let d = default_activations.trim();
            (!d.is_empty()).then_some(d)
        });
        match count {
            None => problems.push(format!(
                "{} {n}: {}",
                pick("Line", "Ligne"),
                pick(
                    "add the number of activations after the key (for example “, 10”), or fill in “Activations per key”.",
                    "ajoutez le nombre d'activations après la clé (par exemple « , 10 »), ou remplissez « Activations par clé »."
                )
            )),
            Some(c) => match c.parse::<u32>() {
                Ok(activations) => keys.push(NewSoftwareKey {
                    key: key.to_string(),
                    activations,
                }),
                Err(_) => problems.push(format!(
                    "{} {n}: “{c}” {}",
                    pick("Line", "Ligne"),
                    pick(
                        "is not a number of activations (a whole number, such as 10).",
                        "n'est pas un nombre d'activations (un nombre entier, par exemple 10)."
                    )
                )),
            },
        }
    }
    if problems.is_empty() {
        Ok(keys)
    } else {
        Err(problems)
    }
}

/// Splits a key line into the key and, when given, its activation count: after the last
/// comma, semicolon or tab; or after the last space when what is before it is a whole key.
fn split_key_line(line: &str) -> (&str, Option<&str>) {
    if let Some(at) = line.rfind([',', ';', '\t']) {
        return (line[..at].trim(), Some(line[at + 1..].trim()));
    }
    if let Some(at) = line.rfind(' ') {
        let (key, count) = (line[..at].trim(), line[at + 1..].trim());
        let compact = key.chars().filter(|c| !matches!(c, '-' | ' ')).count();
        if compact == 25 && !count.is_empty() && count.chars().all(|c| c.is_ascii_digit()) {
            return (key, Some(count));
        }
    }
    (line, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::demo;
    use chrono::NaiveDate;

    fn ws() -> Workspace {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        demo::workspace(today).workspace().clone()
    }

    fn gloria() -> UserId {
        UserId::from(demo::GLORIA)
    }

    #[test]
    fn rows_show_keys_masked_until_revealed() {
        let ws = ws();
        assert_eq!(
            software_ids(&ws),
            vec![SoftwareId::from("sw-1"), SoftwareId::from("sw-2")]
        );
        let server = software_row(&ws, &SoftwareId::from("sw-1"), &gloria()).unwrap();
        assert!(server.activated);
        assert_eq!(server.keys[0].text, "W7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ");
        assert_eq!(server.keys[0].activations, 10);
        assert_eq!(server.package.as_deref(), Some("Microsoft Action Pack"));
        assert!(server
            .revealed
            .as_deref()
            .unwrap()
            .ends_with("by Mario Partner-Admin"));
        let office = software_row(&ws, &SoftwareId::from("sw-2"), &gloria()).unwrap();
        assert!(!office.activated);
        assert!(office.revealed.is_none());
        assert_eq!(office.keys[0].text, "•••••-•••••-•••••-•••••-Q8T3Y");
        assert!(!office.keys[0].full);
        assert_eq!(office.os_types.len(), 3);
        assert!(software_row(&ws, &SoftwareId::from("sw-99"), &gloria()).is_none());
    }

    #[test]
    fn revealed_keys_stay_masked_for_roles_that_may_not_reveal_them() {
        let ws = ws();
        let uma = UserId::from(demo::UMA);
        let server = software_row(&ws, &SoftwareId::from("sw-1"), &uma).unwrap();
        assert!(server.activated);
        assert!(!server.keys[0].full);
        assert_eq!(server.keys[0].text, "•••••-•••••-•••••-•••••-3K7WQ");
    }

    #[test]
    fn downloads_follow_the_language_and_os_picked() {
        let ws = ws();
        let id = SoftwareId::from("sw-2");
        let links = downloads_for(&ws, &id, "French", "Windows ARM64");
        assert_eq!(links.len(), 1);
        assert!(links[0].url.ends_with("/french-windows-arm64.iso"));
        assert!(downloads_for(&ws, &id, "German", "Windows x64").is_empty());
    }

    #[test]
    fn the_reveal_question_names_the_package_it_blocks() {
        let ws = ws();
        let office = software_row(&ws, &SoftwareId::from("sw-2"), &gloria()).unwrap();
        let q = reveal_question(&office);
        assert!(q.contains("activated"), "{q}");
        assert!(q.contains("“Silver Cloud Productivity”"), "{q}");
        assert!(q.contains("no longer be cancelled"), "{q}");
    }

    #[test]
    fn key_lines_carry_their_activation_counts() {
        let keys = read_software_keys(
            "W7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ, 10\n\nBF4GY KT9DX HM2CJ R6PVW Q8T3Y 5\nMW8Q3-TJXKD-9RBHY-C6VP2-G7F4K",
            "2",
        )
        .unwrap();
        assert_eq!(
            keys,
            vec![
                NewSoftwareKey {
                    key: "W7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ".into(),
                    activations: 10
                },
                NewSoftwareKey {
                    key: "BF4GY KT9DX HM2CJ R6PVW Q8T3Y".into(),
                    activations: 5
                },
                NewSoftwareKey {
                    key: "MW8Q3-TJXKD-9RBHY-C6VP2-G7F4K".into(),
                    activations: 2
                },
            ]
        );
        // A key whose last group is all digits is not mistaken for a count.
        let keys = read_software_keys("BF4GY KT9DX HM2CJ R6PVW 23467", "3").unwrap();
        assert_eq!(keys[0].key, "BF4GY KT9DX HM2CJ R6PVW 23467");
        assert_eq!(keys[0].activations, 3);
    }

    #[test]
    fn key_lines_without_a_count_or_with_garbage_are_named_by_line() {
        let problems = read_software_keys(
            "W7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ\nBF4GY-KT9DX-HM2CJ-R6PVW-Q8T3Y, ten",
            "",
        )
        .unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].starts_with("Line 1:"), "{}", problems[0]);
        assert!(problems[1].starts_with("Line 2: “ten”"), "{}", problems[1]);
        assert!(read_software_keys("", "").unwrap().is_empty());
    }

    #[test]
    fn the_form_reads_into_the_command_with_one_link_per_filled_cell() {
        let mut form = SoftwareForm {
            name: "Visio LTSC 2021".into(),
            offer: "silver".into(),
            package: "pkg-2".into(),
            languages: "English, French".into(),
            os_types: "Windows x64".into(),
            keys: "BF4GY-KT9DX-HM2CJ-R6PVW-Q8T3Y, 5".into(),
            instructions: "Internal use only.".into(),
            ..Default::default()
        };
        form.downloads.insert(
            ("French".into(), "Windows x64".into()),
            " https://d.example/fr ".into(),
        );
        // A link for a language no longer listed is left out.
        form.downloads.insert(
            ("German".into(), "Windows x64".into()),
            "https://d.example/de".into(),
        );
        let p = form.read().unwrap();
        assert_eq!(p.offer, Offer::Silver);
        assert_eq!(p.package, Some(PackageId::from("pkg-2")));
        assert_eq!(p.languages, vec!["English", "French"]);
        assert_eq!(p.downloads.len(), 1);
        assert_eq!(p.downloads[0].url, "https://d.example/fr");
        assert_eq!(p.keys[0].activations, 5);

        form.offer = String::new();
        form.package = String::new();
        let problems = form.read().unwrap_err();
        assert_eq!(problems, vec!["Choose the offer.".to_string()]);
    }
}
