//! What must always be true of a workspace, whatever commands were applied. Used by the
//! tests (after every random command, on the demo, on the golden document) and available
//! to the app as a health check of a loaded document.

use crate::model::*;
use crate::proration::MAX_SEATS;
use crate::validate::{same_email, same_text};
use crate::workspace::Workspace;
use std::collections::BTreeSet;
use std::fmt::Display;

impl Workspace {
    /// Every broken invariant, as a sentence; empty when all hold.
    pub fn check_invariants(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut fail = |s: String| out.push(s);
        let c = &self.counters;

        let Some(org) = &self.organisation else {
            if !self.users.is_empty() || self.last_seq != 0 {
                fail("the workspace has data but no organisation".into());
            }
            return out;
        };
        if !self
            .users
            .values()
            .any(DirectoryUser::is_active_global_admin)
        {
            fail("no enabled Global admin".into());
        }

        fn ids<K: Ord + Display + Clone, V>(
            map: &crate::record_map::RecordMap<K, V>,
            id_of: impl Fn(&V) -> &K,
            number: impl Fn(&K) -> Option<u64>,
            counter: u64,
            kind: &str,
            fail: &mut dyn FnMut(String),
        ) {
            for (k, v) in map {
                if id_of(v) != k {
                    fail(format!("{kind} stored under {k} has the id {}", id_of(v)));
                }
                if number(k).is_none_or(|n| n > counter) {
                    fail(format!(
                        "{kind} {k} is not an id the counter ({counter}) handed out"
                    ));
                }
            }
        }
        ids(
            &self.users,
            |v| &v.id,
            |k| k.number(),
            c.users,
            "user",
            &mut fail,
        );
        ids(
            &self.packages,
            |v| &v.id,
            |k| k.number(),
            c.packages,
            "package",
            &mut fail,
        );
        ids(
            &self.software,
            |v| &v.id,
            |k| k.number(),
            c.software,
            "software product",
            &mut fail,
        );
        ids(
            &self.azure_credits,
            |v| &v.id,
            |k| k.number(),
            c.credits,
            "Azure credit",
            &mut fail,
        );
        ids(
            &self.license_benefits,
            |v| &v.id,
            |k| k.number(),
            c.license_benefits,
            "license benefit",
            &mut fail,
        );
        ids(
            &self.subscriptions,
            |v| &v.id,
            |k| k.number(),
            c.subscriptions,
            "subscription",
            &mut fail,
        );
        ids(
            &self.visual_studio,
            |v| &v.id,
            |k| k.number(),
            c.visual_studio,
            "Visual Studio subscription",
            &mut fail,
        );
        ids(
            &self.technical_benefits,
            |v| &v.id,
            |k| k.number(),
            c.technical,
            "technical benefit",
            &mut fail,
        );
        ids(
            &self.gtm_offers,
            |v| &v.id,
            |k| k.number(),
            c.gtm_offers,
            "Go-To-Market offer",
            &mut fail,
        );

        // R-DIR-1: valid, unique emails.
        let mut emails = BTreeSet::new();
        for u in self.users.values() {
            if crate::validate::email("email", &u.email).is_err() {
                fail(format!("user {} has an invalid email {}", u.id, u.email));
            }
            if !emails.insert(u.email.to_ascii_lowercase()) {
                fail(format!("the email {} is used twice", u.email));
            }
        }
        let user_exists = |id: &crate::ids::UserId| self.users.contains_key(id);

        // R-MEM-2.
        for p in self.packages.values() {
            if !user_exists(&p.purchased_by) {
                fail(format!(
                    "package {} was purchased by unknown user {}",
                    p.id, p.purchased_by
                ));
            }
            if let Some(r) = &p.cancellation {
                if !p.in_cancellation_window(r.requested_on) {
                    fail(format!(
                        "package {} had cancellation requested outside 30 days",
                        p.id
                    ));
                }
                if r.service_request
                    .number()
                    .is_none_or(|n| n > c.service_requests)
                {
                    fail(format!(
                        "package {} has an unknown service request {}",
                        p.id, r.service_request
                    ));
                }
            }
        }

        // R-SW-1.
        let mut sw_keys = BTreeSet::new();
        for s in self.software.values() {
            if let Some(p) = &s.package {
                if !self.packages.contains_key(p) {
                    fail(format!("software {} belongs to unknown package {p}", s.id));
                }
            }
            for k in &s.keys {
                if !sw_keys.insert(k.key.clone()) {
                    fail(format!("software key {} appears twice", k.key.masked()));
                }
            }
            for d in &s.downloads {
                if !s.languages.iter().any(|l| same_text(l, &d.language))
                    || !s.os_types.iter().any(|o| same_text(o, &d.os_type))
                {
                    fail(format!(
                        "software {} has a download for an unlisted language or OS",
                        s.id
                    ));
                }
            }
            if let Some(r) = &s.revealed {
                if !user_exists(&r.by) {
                    fail(format!(
                        "software {} was revealed by unknown user {}",
                        s.id, r.by
                    ));
                }
            }
        }

        // R-AZ.
        for cr in self.azure_credits.values() {
            if cr.amount_minor < 1 {
                fail(format!("credit {} has no amount", cr.id));
            }
            let mut seen = BTreeSet::new();
            for u in &cr.users {
                if !user_exists(&u.user) {
                    fail(format!(
                        "credit {} is assigned to unknown user {}",
                        cr.id, u.user
                    ));
                }
                if !seen.insert(u.user.clone()) {
                    fail(format!("credit {} lists user {} twice", cr.id, u.user));
                }
            }
            if cr.kind == CreditKind::Bulk {
                if cr.users.len() > 1 {
                    fail(format!("bulk credit {} has more than one user", cr.id));
                }
                for u in &cr.users {
                    if self
                        .users
                        .get(&u.user)
                        .is_some_and(|x| !x.azure_offers.is_empty())
                    {
                        fail(format!(
                            "bulk credit {} is combined with another offer of {}",
                            cr.id, u.user
                        ));
                    }
                }
            }
            for s in &cr.spend {
                if cr.remaining_in_period(s.on, org.enrollment_year_start) < 0 {
                    fail(format!(
                        "credit {} is overspent in the period of {}",
                        cr.id, s.on
                    ));
                }
            }
        }

        // Tenant subscriptions and keys (R-KEY-2..3).
        for s in self.subscriptions.values() {
            if !(1..=MAX_SEATS).contains(&s.seats) {
                fail(format!("subscription {} has {} seats", s.id, s.seats));
            }
            if s.end <= s.start {
                fail(format!("subscription {} ends before it starts", s.id));
            }
        }
        for (k, r) in &self.product_keys {
            if &r.key != k {
                fail(format!(
                    "key stored under {} is {}",
                    k.masked(),
                    r.key.masked()
                ));
            }
            if !(1..=MAX_SEATS).contains(&r.seats) {
                fail(format!("key {} has {} seats", k.masked(), r.seats));
            }
            if r.added_seq > self.last_seq {
                fail(format!("key {} was added by a future event", k.masked()));
            }
            if let Some(red) = &r.redemption {
                match self.subscriptions.get(&red.subscription) {
                    None => fail(format!(
                        "key {} was redeemed into unknown subscription {}",
                        k.masked(),
                        red.subscription
                    )),
                    Some(s) if !same_text(&s.product, &r.product) => fail(format!(
                        "key {} ({}) was redeemed into {} of another product",
                        k.masked(),
                        r.product,
                        s.id
                    )),
                    Some(_) => {}
                }
                if !user_exists(&red.by) {
                    fail(format!(
                        "key {} was redeemed by unknown user {}",
                        k.masked(),
                        red.by
                    ));
                }
            }
        }

        // R-VS.
        for v in self.visual_studio.values() {
            if let Some(a) = &v.assignment {
                if !user_exists(&a.user) {
                    fail(format!("{} is assigned to unknown user {}", v.id, a.user));
                }
            }
        }

        // R-TECH.
        let mut requests = BTreeSet::new();
        for t in self.technical_benefits.values() {
            if let TechnicalState::Active {
                access_id,
                contract_id,
                ..
            } = &t.state
            {
                if access_id.trim().is_empty() || contract_id.trim().is_empty() {
                    fail(format!(
                        "{} is active without Access ID and Contract ID",
                        t.id
                    ));
                }
            }
            if !t.requests.is_empty() && t.ids().is_none() {
                fail(format!("{} has support requests but is not active", t.id));
            }
            if t.used() > t.allowance {
                fail(format!("{} used more than its allowance", t.id));
            }
            for r in &t.requests {
                if r.consumed < 1 {
                    fail(format!("support request {} consumed nothing", r.id));
                }
                if !requests.insert(r.id.clone())
                    || r.id.number().is_none_or(|n| n > c.support_requests)
                {
                    fail(format!(
                        "support request id {} is repeated or unknown",
                        r.id
                    ));
                }
            }
        }

        // R-GTM.
        let contact = self.marketing_contact.as_ref();
        if let Some(m) = contact {
            if same_email(&m.email, &org.company_account_email) {
                fail("the marketing contact uses the company account email".into());
            }
            if !user_exists(&m.user) {
                fail(format!("the marketing contact is unknown user {}", m.user));
            }
        }
        for o in self.gtm_offers.values() {
            if o.state != GtmState::NotActivated && contact.is_none() {
                fail(format!(
                    "{} was activated without a marketing contact",
                    o.id
                ));
            }
            if let GtmState::Active {
                activated_on,
                expires_on,
            } = &o.state
            {
                if expires_on <= activated_on {
                    fail(format!("{} expires before it was activated", o.id));
                }
            }
        }
        out
    }
}
