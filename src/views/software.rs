//! The Software page's view model (R-SW-1..3) and the reading of its "Add a software
//! product" form. Pure: natively tested, no browser.

use super::software_and_azure::{offer_from_code, split_list};
use crate::i18n::{self, lang, pick, Lang};
use crate::views::azure_licenses::problem_text;
use benefits_core::model::{DownloadLink, NewSoftwareProduct, Offer};
use benefits_core::{
    review_software_keys, ErrorCode, KeyLineProblem, PackageId, SoftwareId, SoftwareKeyReview,
    UserId, Workspace,
};
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

    /// Core's review of the key box, line by line (the same as the live one on the page).
    pub fn review(&self, ws: &Workspace) -> SoftwareKeyReview {
        review_software_keys(ws, &self.keys, &self.default_activations)
    }

    /// The command's content, or the problems to correct first (each a sentence).
    pub fn read(&self, ws: &Workspace) -> Result<NewSoftwareProduct, Vec<String>> {
        let mut problems = Vec::new();
        let offer = offer_from_code(&self.offer);
        if offer.is_none() {
            problems.push(pick("Choose the offer.", "Choisissez l'offre.").to_string());
        }
        let review = self.review(ws);
        if let Some(e) = review.refused.as_ref().or(review.default_problem.as_ref()) {
            problems.push(crate::i18n::refusal(e));
        }
        problems.extend(review.problems.iter().map(key_problem_text));
        let keys = review.new_keys();
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

/// One line of the key box that cannot be used, in the partner's language: core's
/// sentence in English, written again from its code and params in French.
pub fn key_problem_text(p: &KeyLineProblem) -> String {
    let param = |n: &str| p.params.get(n).map(String::as_str);
    match (lang(), p.code) {
        (Lang::En, _) => p.message.clone(),
        (Lang::Fr, ErrorCode::MissingValue) => format!(
            "Ligne {} : ajoutez le nombre d'activations après la clé (par exemple « , 10 »), ou remplissez « Activations par clé ».",
            p.line
        ),
        (Lang::Fr, ErrorCode::InvalidAmount) => {
            let value = param("value").unwrap_or("");
            let why = match param("reason") {
                Some("too_large") => format!(
                    "{value} activations, c'est au-delà de la limite de {} pour une clé.",
                    param("max")
                        .and_then(|m| m.parse::<i64>().ok())
                        .map(crate::i18n::format_count)
                        .unwrap_or_default()
                ),
                Some("too_small") => "une clé permet au moins 1 activation.".to_string(),
                _ => format!("« {value} » n'est pas un nombre d'activations (un nombre entier, par exemple 10)."),
            };
            format!("Ligne {} : {why}", p.line)
        }
        (Lang::Fr, ErrorCode::DuplicateKey) => match (param("first_line"), param("software")) {
            (Some(first), _) => format!("Ligne {} : cette clé est la même qu'à la ligne {first} ; indiquez-la une seule fois.", p.line),
            (_, Some(product)) => format!("Ligne {} : cette clé appartient déjà au produit logiciel {product}. Chaque clé appartient à un seul produit.", p.line),
            _ => problem_text(p),
        },
        _ => problem_text(p),
    }
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
    fn key_lines_are_read_by_core_every_bad_line_named() {
        let ws = ws();
        let form = SoftwareForm {
            offer: "silver".into(),
            keys: "HJKMP-BCDFG-QRTVW-XY234-6789F, 10\n\nHJKMP-BCDFG-QRTVW-XY234-6789G 99999999999\nnot a key".into(),
            ..Default::default()
        };
        let problems = form.read(&ws).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0],
            "Line 3: 99999999999 activations is above the limit of 1,000,000 for a key."
        );
        assert!(problems[1].starts_with("Line 4:"), "{}", problems[1]);
        crate::i18n::set_lang(Lang::Fr);
        let fr: Vec<String> = form
            .review(&ws)
            .problems
            .iter()
            .map(key_problem_text)
            .collect();
        crate::i18n::set_lang(Lang::En);
        assert_eq!(
            fr[0],
            "Ligne 3 : 99999999999 activations, c'est au-delà de la limite de 1\u{202f}000\u{202f}000 pour une clé."
        );
        let ok = SoftwareForm {
            keys: "HJKMP-BCDFG-QRTVW-XY234-6789F\n\nHJKMP-BCDFG-QRTVW-XY234-6789G, 3".into(),
            default_activations: "2".into(),
            ..form
        };
        let p = ok.read(&ws).unwrap();
        assert_eq!(
            p.keys.iter().map(|k| k.activations).collect::<Vec<_>>(),
            vec![2, 3]
        );
    }

    #[test]
    fn the_form_reads_into_the_command_with_one_link_per_filled_cell() {
        let mut form = SoftwareForm {
            name: "Visio LTSC 2021".into(),
            offer: "silver".into(),
            package: "pkg-2".into(),
            languages: "English, French".into(),
            os_types: "Windows x64".into(),
            keys: "HJKMP-BCDFG-QRTVW-XY234-6789F, 5".into(),
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
        let p = form.read(&ws()).unwrap();
        assert_eq!(p.offer, Offer::Silver);
        assert_eq!(p.package, Some(PackageId::from("pkg-2")));
        assert_eq!(p.languages, vec!["English", "French"]);
        assert_eq!(p.downloads.len(), 1);
        assert_eq!(p.downloads[0].url, "https://d.example/fr");
        assert_eq!(p.keys[0].activations, 5);

        form.offer = String::new();
        form.package = String::new();
        let problems = form.read(&ws()).unwrap_err();
        assert_eq!(problems, vec!["Choose the offer.".to_string()]);
    }
}
