//! License-based subscriptions (R-LIC-1..3), tenant subscriptions and the product-key
//! inventory as the Azure & Cloud page shows them, and the report of a pasted list of keys
//! (R-KEY-1). Pure: natively tested, no browser.

use crate::i18n::{self, lang, pick, Lang};
use benefits_core::model::{BenefitType, LicenseBenefit, Offer, SubscriptionStatus};
use benefits_core::proration::Action;
use benefits_core::{
    ErrorCode, KeyError, KeyLineProblem, LicenseBenefitId, ProductKey, SubscriptionId, Workspace,
};
use chrono::NaiveDate;

/// One license-based benefit with its tenant subscriptions and keys (same product).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseRow {
    pub id: LicenseBenefitId,
    pub product: String,
    pub licenses: i64,
    pub offer: Offer,
    pub benefit_type: BenefitType,
    pub benefit_expires_on: NaiveDate,
    pub instructions: String,
    pub subscriptions: Vec<PairedSubscription>,
    pub keys: Vec<InventoryKey>,
}

/// A tenant subscription of the benefit's product, its end beside the benefit's expiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedSubscription {
    pub id: SubscriptionId,
    pub seats: i64,
    pub end: NaiveDate,
    pub status: SubscriptionStatus,
    /// R-LIC-2: why the two dates differ (`None` when they agree).
    pub explanation: Option<String>,
}

/// A key of the inventory, masked, with its state.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InventoryKey {
    /// The key itself, for `remove_record` (never shown).
    pub key: String,
    pub masked: String,
    pub product: String,
    pub seats: i64,
    pub added_on: NaiveDate,
    pub redeemed: Option<RedeemedLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RedeemedLine {
    pub on: NaiveDate,
    pub by: String,
    pub subscription: SubscriptionId,
    pub action: Action,
}

pub fn license_ids(ws: &Workspace) -> Vec<LicenseBenefitId> {
    ws.license_benefits().keys().cloned().collect()
}

pub fn license_row(ws: &Workspace, id: &LicenseBenefitId, today: NaiveDate) -> Option<LicenseRow> {
    let b = ws.license_benefits().get(id)?;
    Some(LicenseRow {
        id: b.id.clone(),
        product: b.product.clone(),
        licenses: b.licenses,
        offer: b.offer,
        benefit_type: b.benefit_type,
        benefit_expires_on: b.benefit_expires_on,
        instructions: b.instructions.clone(),
        subscriptions: ws
            .subscriptions_for_product(&b.product)
            .into_iter()
            .map(|s| PairedSubscription {
                id: s.id.clone(),
                seats: s.seats,
                end: s.end,
                status: s.status(today),
                explanation: explanation(b, s.end),
            })
            .collect(),
        keys: ws
            .keys_for_product(&b.product)
            .into_iter()
            .map(|k| inventory_key(ws, k))
            .collect(),
    })
}

/// R-LIC-2 in the partner's language: core's sentence in English, its dates written as the
/// rest of the page writes them; in French the same sentence, written from the same two
/// dates, when core says they differ.
pub fn explanation(benefit: &LicenseBenefit, subscription_end: NaiveDate) -> Option<String> {
    let english = benefit.expiry_explanation(subscription_end)?;
    Some(match lang() {
        Lang::En => [benefit.benefit_expires_on, subscription_end]
            .into_iter()
            .fold(english, |text, d| {
                text.replace(&d.to_string(), &i18n::format_date(d))
            }),
        Lang::Fr => {
            let exp = i18n::format_date(benefit.benefit_expires_on);
            let end = i18n::format_date(subscription_end);
            if benefit.benefit_expires_on < subscription_end {
                format!("L'abonnement du locataire court jusqu'au {end}, mais le droit d'utiliser cet avantage prend fin le {exp} : après ce jour, les licences ne sont plus couvertes par votre adhésion.")
            } else {
                format!("L'abonnement du locataire prend fin le {end}, avant l'expiration de l'avantage le {exp} : utilisez une clé de produit pour le prolonger jusqu'à cette date.")
            }
        }
    })
}

fn inventory_key(ws: &Workspace, k: &benefits_core::model::KeyRecord) -> InventoryKey {
    InventoryKey {
        key: k.key.to_string(),
        masked: k.key.masked(),
        product: k.product.clone(),
        seats: k.seats,
        added_on: k.added_on,
        redeemed: k.redemption.as_ref().map(|r| RedeemedLine {
            on: r.at.date(),
            by: ws.user_name(&r.by),
            subscription: r.subscription.clone(),
            action: r.action,
        }),
    }
}

/// The whole inventory, in the order keys were added.
pub fn inventory(ws: &Workspace) -> Vec<InventoryKey> {
    let mut keys: Vec<_> = ws.product_keys().values().collect();
    keys.sort_by_key(|k| k.added_seq);
    keys.into_iter().map(|k| inventory_key(ws, k)).collect()
}

/// "Redeemed on 20 November 2026 by Gloria Global-Admin into sub-1, to extend the end date".
pub fn redeemed_text(r: &RedeemedLine) -> String {
    let how = match r.action {
        Action::ActivateNew => pick(
            "to activate a new subscription",
            "pour activer un nouvel abonnement",
        ),
        Action::ExtendEndDate => pick("to extend the end date", "pour prolonger la date de fin"),
        Action::AddLicenses => pick("to add licenses", "pour ajouter des licences"),
    };
    format!(
        "{} {} {} {} {} {}, {how}",
        pick("Redeemed on", "Utilisée le"),
        i18n::format_date(r.on),
        pick("by", "par"),
        r.by,
        pick("into", "dans"),
        r.subscription
    )
}

/// One tenant subscription as its table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SubscriptionRow {
    pub id: SubscriptionId,
    pub product: String,
    pub seats: i64,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub status: SubscriptionStatus,
    pub disabled: bool,
}

pub fn subscription_rows(ws: &Workspace, today: NaiveDate) -> Vec<SubscriptionRow> {
    ws.subscriptions()
        .values()
        .map(|s| SubscriptionRow {
            id: s.id.clone(),
            product: s.product.clone(),
            seats: s.seats,
            start: s.start,
            end: s.end,
            status: s.status(today),
            disabled: s.disabled,
        })
        .collect()
}

pub fn status_label(status: SubscriptionStatus) -> &'static str {
    match status {
        SubscriptionStatus::Active => pick("Active", "Actif"),
        SubscriptionStatus::Expired => pick("Expired", "Expiré"),
        SubscriptionStatus::Disabled => pick("Disabled", "Désactivé"),
    }
}

/// The badge class of a status: green, grey or red.
pub fn status_badge(status: SubscriptionStatus) -> &'static str {
    match status {
        SubscriptionStatus::Active => "badge badge-ok",
        SubscriptionStatus::Expired => "badge badge-danger",
        SubscriptionStatus::Disabled => "badge badge-off",
    }
}

/// The address of the redemption wizard with a subscription already chosen (R-LIC-3).
pub fn redeem_link(subscription: Option<&SubscriptionId>) -> String {
    match subscription {
        Some(id) => format!("/redeem?subscription={}", id.as_str()),
        None => "/redeem".to_string(),
    }
}

/// Products known to the workspace (benefits, subscriptions, keys), for suggestions.
pub fn known_products(ws: &Workspace) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let names = ws
        .license_benefits()
        .values()
        .map(|b| &b.product)
        .chain(ws.subscriptions().values().map(|s| &s.product))
        .chain(ws.product_keys().values().map(|k| &k.product));
    for name in names {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(name)) {
            out.push(name.clone());
        }
    }
    out.sort();
    out
}

/// A pasted line's problem in the partner's language (core's sentence in English).
pub fn problem_text(p: &KeyLineProblem) -> String {
    match lang() {
        Lang::En => p.message.clone(),
        Lang::Fr => {
            let why = match (p.code, ProductKey::parse(&p.text)) {
                (ErrorCode::KeyMalformed, Err(e)) => key_error_fr(&e),
                _ => "cette clé figure déjà plus haut dans la liste ou dans l'inventaire ; elle n'est ajoutée qu'une fois.".to_string(),
            };
            format!("Ligne {} : {why}", p.line)
        }
    }
}

/// R-KEY-1 in French: the position of the wrong character and the look-alike hint.
fn key_error_fr(e: &KeyError) -> String {
    match e {
        KeyError::Empty => "saisissez une clé de produit de 25 caractères.".to_string(),
        KeyError::WrongLength { found } => format!(
            "une clé de produit compte 25 caractères (cinq groupes de cinq) ; celle-ci en a {found}. Vérifiez qu'aucun groupe ne manque ou n'est en trop."
        ),
        KeyError::BadCharacter { position, found } => {
            let group = (position.saturating_sub(1)) / 5 + 1;
            let hint = match found {
                '0' | 'O' => " Le zéro et la lettre O ne sont jamais utilisés : c'est peut-être un D ou un Q.",
                '1' | 'I' | 'L' => " Le chiffre 1 et les lettres I et L ne sont jamais utilisés : c'est peut-être un 7 ou un T.",
                '5' | 'S' => " Le chiffre 5 et la lettre S ne sont jamais utilisés : c'est peut-être un 6 ou un 8.",
                _ => " Les lettres A E I L N O S U Z et les chiffres 0 1 5 n'apparaissent jamais dans une clé.",
            };
            format!("le caractère {position} (groupe {group}) est « {found} », qui ne fait jamais partie d'une clé de produit.{hint}")
        }
    }
}

/// What the partner is told once the good keys were added: "3 keys added." or "3 keys
/// added; 2 lines were not added:", followed by each [`problem_line`].
pub fn added_summary(added: usize, not_added: usize) -> String {
    let keys = match (added, lang()) {
        (1, Lang::En) => "1 key added".to_string(),
        (n, Lang::En) => format!("{n} keys added"),
        (1, Lang::Fr) => "1 clé ajoutée".to_string(),
        (n, Lang::Fr) => format!("{n} clés ajoutées"),
    };
    if not_added == 0 {
        return format!("{keys}.");
    }
    let not_added = match (not_added, lang()) {
        (1, Lang::En) => "1 line was not added".to_string(),
        (n, Lang::En) => format!("{n} lines were not added"),
        (1, Lang::Fr) => "1 ligne n'a pas été ajoutée".to_string(),
        (n, Lang::Fr) => format!("{n} lignes n'ont pas été ajoutées"),
    };
    format!("{keys}; {not_added}:")
}

/// A line not added, inside the sentence: "line 4: Character 18 …".
pub fn problem_line(p: &KeyLineProblem) -> String {
    let text = problem_text(p);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => text,
    }
}

/// "3 keys ready to add." above the lines that will not be added.
pub fn ready_text(good: usize) -> String {
    match (good, lang()) {
        (0, Lang::En) => "No key is ready to add yet.".to_string(),
        (1, Lang::En) => "1 key ready to add.".to_string(),
        (n, Lang::En) => format!("{n} keys ready to add."),
        (0, Lang::Fr) => "Aucune clé n'est encore prête à être ajoutée.".to_string(),
        (1, Lang::Fr) => "1 clé prête à être ajoutée.".to_string(),
        (n, Lang::Fr) => format!("{n} clés prêtes à être ajoutées."),
    }
}

/// How many lines a review lists; the rest are counted.
pub const SHOWN_LINES: usize = 100;

/// "… and 250 more lines." under a review that lists [`SHOWN_LINES`].
pub fn more_lines(problems: usize) -> Option<String> {
    let more = problems.checked_sub(SHOWN_LINES).filter(|m| *m > 0)?;
    Some(match (crate::i18n::lang(), more) {
        (crate::i18n::Lang::En, 1) => "… and 1 more line.".to_string(),
        (crate::i18n::Lang::En, n) => {
            format!("… and {} more lines.", crate::i18n::format_count(n as i64))
        }
        (crate::i18n::Lang::Fr, 1) => "… et 1 autre ligne.".to_string(),
        (crate::i18n::Lang::Fr, n) => format!(
            "… et {} autres lignes.",
            crate::i18n::format_count(n as i64)
        ),
    })
}

/// The lines that were not added, as pasted, one per line: what stays in the box for
/// correction.
pub fn bad_lines(text: &str, problems: &[KeyLineProblem]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    problems
        .iter()
        .filter_map(|p| lines.get(p.line.wrapping_sub(1)).map(|l| l.trim()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::demo;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn a_license_benefit_shows_its_expiry_beside_the_subscription_end() {
        let doc = demo::workspace(today());
        let ws = doc.workspace();
        let ids = license_ids(ws);
        assert_eq!(ids.len(), 2);
        let m365 = license_row(ws, &ids[0], today()).unwrap();
        assert_eq!(m365.product, demo::M365);
        assert_eq!(m365.licenses, 100);
        assert_eq!(
            m365.benefit_expires_on,
            NaiveDate::from_ymd_opt(2027, 8, 19).unwrap()
        );
        assert_eq!(m365.subscriptions.len(), 1);
        let sub = &m365.subscriptions[0];
        assert_eq!(sub.end, NaiveDate::from_ymd_opt(2027, 1, 20).unwrap());
        assert_eq!(sub.status, SubscriptionStatus::Active);
        let why = sub.explanation.as_deref().unwrap();
        assert_eq!(why, "The tenant subscription ends on 20 January 2027, before the benefit expires on 19 August 2027: redeem a product key to keep the subscription running until then.");
        assert_eq!(m365.keys.len(), 3);
        assert_eq!(m365.keys[0].masked, "•••••-•••••-•••••-•••••-FG3VT");
        assert_eq!(m365.keys[0].seats, 25);
        assert!(m365.keys[0].redeemed.is_none());
        let power_bi = license_row(ws, &ids[1], today()).unwrap();
        assert_eq!(
            power_bi.subscriptions[0].status,
            SubscriptionStatus::Expired
        );
        assert_eq!(
            redeem_link(Some(&sub.id)),
            "/redeem?subscription=sub-1".to_string()
        );
        assert_eq!(redeem_link(None), "/redeem");
    }

    #[test]
    fn subscriptions_inventory_and_products_read_from_the_workspace() {
        let doc = demo::workspace(today());
        let ws = doc.workspace();
        let subs = subscription_rows(ws, today());
        assert_eq!(subs.len(), 2);
        assert_eq!(status_label(subs[1].status), "Expired");
        assert_eq!(status_badge(subs[0].status), "badge badge-ok");
        let keys = inventory(ws);
        assert_eq!(keys.len(), 4);
        assert_eq!(keys[3].product, demo::POWER_BI);
        assert_eq!(keys[3].key, demo::POWER_BI_KEY);
        assert_eq!(known_products(ws), vec![demo::M365, demo::POWER_BI]);
        let line = RedeemedLine {
            on: today(),
            by: "Gloria Global-Admin".into(),
            subscription: SubscriptionId::from("sub-1"),
            action: Action::ExtendEndDate,
        };
        assert_eq!(
            redeemed_text(&line),
            "Redeemed on 20 November 2026 by Gloria Global-Admin into sub-1, to extend the end date"
        );
    }

    #[test]
    fn a_paste_is_reported_line_by_line_and_the_bad_lines_stay() {
        let doc = demo::workspace(today());
        let ws = doc.workspace();
        let text = "BCDFG-HJKMP-QRTVW-XY234-6789B\nBCDFG-HJKMP-QRTVW-XY234-6789C\nBCDFG-HJKMP-QRTVW-XYO34-6789D\n\nBCDFG-HJKMP-QRTVW-XY234\nBCDFG-HJKMP-QRTVW-XY234-6789D\n";
        let review = ws.review_key_paste(text);
        assert_eq!(review.good.len(), 3);
        assert_eq!(review.problems.len(), 2);
        let head = added_summary(review.good.len(), review.problems.len());
        let lines: Vec<String> = review.problems.iter().map(problem_line).collect();
        assert_eq!(head, "3 keys added; 2 lines were not added:");
        assert!(
            lines[0].starts_with("line 3: Character 18 (group 4)"),
            "{}",
            lines[0]
        );
        assert!(lines[0].contains("letter O"), "{}", lines[0]);
        assert!(
            lines[1].starts_with("line 5: A product key has 25"),
            "{}",
            lines[1]
        );
        assert_eq!(
            bad_lines(text, &review.problems),
            "BCDFG-HJKMP-QRTVW-XYO34-6789D\nBCDFG-HJKMP-QRTVW-XY234"
        );
        assert_eq!(added_summary(1, 0), "1 key added.");
        assert_eq!(ready_text(0), "No key is ready to add yet.");
        assert_eq!(ready_text(3), "3 keys ready to add.");
    }

    #[test]
    fn french_reports_keep_the_position_and_the_hint() {
        crate::i18n::set_lang(Lang::Fr);
        let doc = demo::workspace(today());
        let review = doc.workspace().review_key_paste(&format!(
            "BCDFG-HJKMP-QRTVW-XYO34-6789D\n{}",
            demo::M365_KEY_25
        ));
        let texts: Vec<String> = review.problems.iter().map(problem_text).collect();
        crate::i18n::set_lang(Lang::En);
        assert!(
            texts[0].starts_with("Ligne 1 : le caractère 18 (groupe 4)"),
            "{}",
            texts[0]
        );
        assert!(texts[0].contains("lettre O"), "{}", texts[0]);
        assert!(texts[1].starts_with("Ligne 2 : "), "{}", texts[1]);
    }
}
