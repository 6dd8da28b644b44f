//! Reads the stored document ([`crate::WorkspaceDoc::from_json`]) from JSON into the
//! workspace's types, by hand, with the same rules as the shape `Serialize` writes.
//!
//! Why not serde's derived `Deserialize`: the browser must read the document before it can
//! draw the first page, and the derives compiled to about a fifth of the app's first
//! download (a visitor per type, per field and per variant, each taking sequences as well as
//! maps). This reader is one small function per type over the tree of the project's own
//! JSON parser ([`crate::json`]); it took the first load from 422 KB down by the figure in
//! the README ("Performance and size").
//!
//! The rules are serde's, kept deliberately so that every document version 2 accepted is read
//! the same: every struct refuses a field it does not know (`deny_unknown_fields`, except
//! [`Warning`], which never had it), a missing `Option` field reads as `None`, a missing field
//! marked `#[serde(default)]` reads as its default, any other missing field is refused; enums
//! with data are externally tagged (`"not_activated"`, `{"pending": {...}}`), unit enums are
//! their snake_case names, taken from the derived `Serialize` so the two cannot disagree.
//! `tests/document.rs` reads every fixture and a document with every kind of change, and
//! checks that what `to_json` writes reads back identically.
//!
//! A refusal names where it happened: `workspace.users.user-3.email: expected a string`.

use crate::command::{Command, RecordRef, RedeemRequest, RedeemTarget};
use crate::enum_set::{EnumSet, SetMember};
use crate::event::{Change, Event, SubscriptionTerms};
use crate::ids::*;
use crate::json::{Json as Value, Object as Map};
use crate::key::ProductKey;
use crate::model::*;
use crate::money::Currency;
use crate::proration::{Action, Warning, WarningCode};
use crate::record_map::{RecordMap, Slot};
use crate::roles::Role;
use crate::time::Months;
use crate::variant_name::variant_name;
use crate::workspace::Workspace;
use chrono::{NaiveDate, NaiveDateTime};
use std::fmt;

/// Where a value sits in the document, built on the stack as the reader descends and only
/// written out when something is refused.
#[derive(Clone, Copy)]
pub(crate) enum At<'a> {
    Root,
    Field(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Root => Ok(()),
            At::Field(At::Root, name) => f.write_str(name),
            At::Field(parent, name) => write!(f, "{parent}.{name}"),
            At::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

impl At<'_> {
    fn refuse<T>(&self, what: impl fmt::Display) -> Read<T> {
        Err(match self {
            At::Root => what.to_string(),
            at => format!("{at}: {what}"),
        })
    }

    fn expected<T>(&self, what: &str, found: &Value) -> Read<T> {
        let found = match found {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        };
        self.refuse(format_args!("expected {what}, found {found}"))
    }
}

/// A refusal, already in words (where, then what).
pub(crate) type Read<T> = Result<T, String>;

/// One event of an activity log, as `Serialize` writes it (see [`Event::from_json`]).
pub(crate) fn event(value: Value) -> Read<Event> {
    Event::read(value, At::Root)
}

/// A type the document holds.
pub(crate) trait FromJson: Sized {
    fn read(value: Value, at: At<'_>) -> Read<Self>;

    /// What a missing field reads as. Only `Option` has one (serde's rule: `None`).
    fn missing() -> Option<Self> {
        None
    }
}

/// The fields of one JSON object, taken one by one; [`Fields::end`] refuses any left over.
pub(crate) struct Fields<'a> {
    map: Map,
    at: At<'a>,
}

impl<'a> Fields<'a> {
    pub(crate) fn of(value: Value, at: At<'a>) -> Read<Fields<'a>> {
        match value {
            Value::Object(map) => Ok(Fields { map, at }),
            other => at.expected("an object", &other),
        }
    }

    /// A field without `#[serde(default)]`: refused when missing, unless it is an `Option`.
    // Not inlined: each record's reader stays a row of calls. Measured only together with
    // the date parser (both: -1.4 KB gzip); splitting these into non-generic helpers was
    // +1.5 KB.
    #[inline(never)]
    pub(crate) fn get<T: FromJson>(&mut self, name: &'static str) -> Read<T> {
        match self.map.remove(name) {
            Some(value) => T::read(value, At::Field(&self.at, name)),
            None => match T::missing() {
                Some(v) => Ok(v),
                None => self
                    .at
                    .refuse(format_args!("the field \"{name}\" is missing")),
            },
        }
    }

    /// A field with `#[serde(default)]`.
    #[inline(never)]
    pub(crate) fn or_default<T: FromJson + Default>(&mut self, name: &'static str) -> Read<T> {
        match self.map.remove(name) {
            Some(value) => T::read(value, At::Field(&self.at, name)),
            None => Ok(T::default()),
        }
    }

    /// `deny_unknown_fields`: nothing may be left.
    pub(crate) fn end(self) -> Read<()> {
        match self.map.keys().next() {
            None => Ok(()),
            Some(name) => self.at.refuse(format_args!("unknown field \"{name}\"")),
        }
    }
}

/// An externally tagged enum's value: `"name"` for a variant without data, `{"name": data}`
/// for one with. Returns the name and the data (`Null` for the bare name).
fn tagged(value: Value, at: At<'_>) -> Read<(String, Value)> {
    match value {
        Value::String(name) => Ok((name, Value::Null)),
        Value::Object(map) if map.len() == 1 => Ok(map.into_iter().next().expect("one entry")),
        other => at.expected("a name, or an object with one name", &other),
    }
}

/// A structure with named fields: `record!(Type { field, other = default })`; `= default`
/// marks `#[serde(default)]`.
macro_rules! record {
    ($ty:ident { $($field:ident $(= $default:ident)?),* $(,)? }) => {
        impl FromJson for $ty {
            fn read(value: Value, at: At<'_>) -> Read<Self> {
                let mut fields = Fields::of(value, at)?;
                let read = $ty { $($field: record!(@field fields $field $($default)?)),* };
                fields.end()?;
                Ok(read)
            }
        }
    };
    (@field $fields:ident $field:ident) => { $fields.get(stringify!($field))? };
    (@field $fields:ident $field:ident default) => { $fields.or_default(stringify!($field))? };
}

/// A variant with named fields of an externally tagged enum, from its data.
macro_rules! variant {
    ($data:expr, $at:expr, $ty:ident :: $variant:ident { $($field:ident $(= $default:ident)?),* $(,)? }) => {{
        let mut fields = Fields::of($data, $at)?;
        let read = $ty::$variant { $($field: record!(@field fields $field $($default)?)),* };
        fields.end()?;
        read
    }};
}

/// An enum of names only: `names!(Offer [ActionPack, Silver, Gold])`. The names are what
/// `Serialize` writes; the `match` makes the build fail if a variant is left out.
macro_rules! names {
    ($ty:ident [$($variant:ident),* $(,)?]) => {
        impl FromJson for $ty {
            fn read(value: Value, at: At<'_>) -> Read<Self> {
                #[allow(dead_code)]
                fn every_variant_is_listed(v: $ty) {
                    match v { $($ty::$variant => ()),* }
                }
                name_of(value, at, &[$($ty::$variant),*])
            }
        }
    };
}

fn name_of<T: serde::Serialize + Copy>(value: Value, at: At<'_>, all: &[T]) -> Read<T> {
    let text = match value {
        Value::String(text) => text,
        other => return at.expected("a name", &other),
    };
    match all.iter().find(|v| variant_name(*v) == Some(text.as_str())) {
        Some(v) => Ok(*v),
        None => {
            let known: Vec<&str> = all.iter().filter_map(variant_name).collect();
            at.refuse(format_args!(
                "\"{text}\" is not one of {}",
                known.join(", ")
            ))
        }
    }
}

// ------------------------------------------------------------------ values and containers

impl FromJson for String {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        match value {
            Value::String(s) => Ok(s),
            other => at.expected("text", &other),
        }
    }
}

impl FromJson for bool {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        match value {
            Value::Bool(b) => Ok(b),
            other => at.expected("true or false", &other),
        }
    }
}

impl FromJson for u64 {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        match value.as_u64() {
            Some(n) => Ok(n),
            None => at.expected("a whole number, 0 or more", &value),
        }
    }
}

impl FromJson for u32 {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        match value.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Ok(n),
            None => at.expected("a whole number from 0 to 4294967295", &value),
        }
    }
}

impl FromJson for i64 {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        match value.as_i64() {
            Some(n) => Ok(n),
            None => at.expected("a whole number", &value),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        match value {
            Value::Null => Ok(None),
            value => T::read(value, at).map(Some),
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        match value {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| T::read(item, At::Index(&at, i)))
                .collect(),
            other => at.expected("a list", &other),
        }
    }
}

/// A list in any order; a name twice counts once (as the `BTreeSet` it replaced read it).
impl<T: FromJson + SetMember> FromJson for EnumSet<T> {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        Ok(Vec::<T>::read(value, at)?.into_iter().collect())
    }
}

/// A map's key: the text of an id.
pub(crate) trait FromKey: Sized {
    fn from_key(key: String, at: At<'_>) -> Read<Self>;
}

/// Of two keys that read as the same key (product keys in other case), the last one in the
/// object's order stays, as when this read into a `BTreeMap`.
impl<K: FromKey + Ord, V: FromJson, S: Slot<V>> FromJson for RecordMap<K, V, S> {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let map = match value {
            Value::Object(map) => map,
            other => return at.expected("an object", &other),
        };
        let mut read = Vec::with_capacity(map.len());
        for (key, value) in map {
            let v = V::read(value, At::Field(&at, &key))?;
            read.push((K::from_key(key, at)?, v));
        }
        Ok(RecordMap::from_entries(read))
    }
}

impl FromJson for NaiveDate {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let text = String::read(value, at)?;
        match date(&text) {
            Some((date, "")) => Ok(date),
            _ => at.refuse(format_args!("\"{text}\" is not a date (YYYY-MM-DD)")),
        }
    }
}

impl FromJson for NaiveDateTime {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let text = String::read(value, at)?;
        match date(&text)
            .and_then(|(date, rest)| Some(date.and_time(time(rest.strip_prefix('T')?)?)))
        {
            Some(at) => Ok(at),
            None => at.refuse(format_args!(
                "\"{text}\" is not a date and time (YYYY-MM-DDTHH:MM:SS)"
            )),
        }
    }
}

/// The digits at the start of `text` (at most `max`) as a number, and the rest.
fn digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let n = text
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    if n < min {
        return None;
    }
    Some((text[..n].parse().ok()?, &text[n..]))
}

/// A date as chrono writes it (`Display`): `2026-11-21`, a year outside 0..=9999 with its
/// sign (`+10000-01-01`); and what follows it. chrono's own parser accepts these and more,
/// but compiles its whole format machinery into the browser's build.
fn date(text: &str) -> Option<(NaiveDate, &str)> {
    let (negative, text) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..]),
        b'-' => (true, &text[1..]),
        _ => (false, text),
    };
    let (year, text) = digits(text, 4, 6)?;
    let (month, text) = digits(text.strip_prefix('-')?, 2, 2)?;
    let (day, rest) = digits(text.strip_prefix('-')?, 2, 2)?;
    let year = i32::try_from(year).ok()?;
    let date = NaiveDate::from_ymd_opt(if negative { -year } else { year }, month, day)?;
    Some((date, rest))
}

/// A time of day as chrono writes it (`Debug`): `HH:MM:SS`, then `.` and up to nine digits
/// of a fraction when there is one; a leap second is second 60.
fn time(text: &str) -> Option<chrono::NaiveTime> {
    let (hour, text) = digits(text, 2, 2)?;
    let (minute, text) = digits(text.strip_prefix(':')?, 2, 2)?;
    let (second, text) = digits(text.strip_prefix(':')?, 2, 2)?;
    let nano = match text.strip_prefix('.') {
        None if text.is_empty() => 0,
        None => return None,
        Some(fraction) => {
            let (n, rest) = digits(fraction, 1, 9)?;
            if !rest.is_empty() {
                return None;
            }
            n * 10u32.pow(9 - u32::try_from(fraction.len()).ok()?)
        }
    };
    match second {
        60 => chrono::NaiveTime::from_hms_nano_opt(hour, minute, 59, nano + 1_000_000_000),
        s => chrono::NaiveTime::from_hms_nano_opt(hour, minute, s, nano),
    }
}

impl FromJson for ProductKey {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let text = String::read(value, at)?;
        ProductKey::from_key(text, at)
    }
}

impl FromKey for ProductKey {
    fn from_key(key: String, at: At<'_>) -> Read<Self> {
        ProductKey::parse(&key).or_else(|e| at.refuse(format_args!("\"{key}\": {e}")))
    }
}

impl FromJson for Currency {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let text = String::read(value, at)?;
        Currency::try_from(text).or_else(|e| at.refuse(e))
    }
}

impl FromJson for Months {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let text = String::read(value, at)?;
        text.parse()
            .or_else(|e| at.refuse(format_args!("\"{text}\": {e}")))
    }
}

macro_rules! ids {
    ($($id:ident),*) => {$(
        impl FromJson for $id {
            fn read(value: Value, at: At<'_>) -> Read<Self> {
                String::read(value, at).map($id::new)
            }
        }

        impl FromKey for $id {
            fn from_key(key: String, _: At<'_>) -> Read<Self> {
                Ok($id::new(key))
            }
        }
    )*};
}

ids!(
    UserId,
    PackageId,
    SoftwareId,
    CreditId,
    LicenseBenefitId,
    SubscriptionId,
    VsId,
    TechId,
    SupportRequestId,
    GtmId,
    ServiceRequestId
);

// ------------------------------------------------------------------ names

names!(Offer [ActionPack, Silver, Gold]);
names!(BenefitType [Core, Incremental]);
names!(CreditKind [Monthly, Bulk]);
names!(UserKind [Member, Guest]);
names!(Role [GlobalAdmin, MpnPartnerAdmin, UserAdmin, AdminAgent]);
names!(TechnicalKind [SignatureCloudSupport, OnPremisesIncidents, PresalesDeployment]);
names!(AllowanceUnit [Incidents, Hours]);
names!(ProductArea [OnPremises, AzureNonCsp, Dynamics, Cloud]);
names!(VsLevel [Enterprise, Professional]);
names!(Action [ActivateNew, ExtendEndDate, AddLicenses]);
names!(WarningCode[ShortTerm]);

// ------------------------------------------------------------------ records

record!(Workspace {
    organisation,
    users,
    packages,
    software,
    azure_credits,
    license_benefits,
    subscriptions,
    product_keys,
    visual_studio,
    technical_benefits,
    gtm_offers,
    marketing_contact,
    counters,
    last_seq,
});
record!(Counters {
    users,
    packages,
    software,
    credits,
    license_benefits,
    subscriptions,
    visual_studio,
    technical,
    support_requests,
    gtm_offers,
    service_requests,
});
record!(Organisation {
    name,
    mpn_id,
    company_account_email,
    currency,
    enrollment_year_start,
    offers,
    competencies = default,
    tenant,
});
record!(Tenant { name, domain });
record!(DirectoryUser { id, name, email, kind, roles, disabled, azure_offers = default });
record!(UserDetails { name, email, kind, roles = default });
record!(BenefitPackage {
    id,
    name,
    offer,
    purchased_on,
    purchased_by,
    cancellation
});
record!(CancellationRequest {
    service_request,
    requested_on,
    requested_by
});
record!(SoftwareProduct {
    id,
    name,
    offer,
    package,
    keys,
    special_instructions,
    languages,
    os_types,
    downloads,
    revealed,
});
record!(SoftwareKey { key, activations });
record!(DownloadLink {
    language,
    os_type,
    url
});
record!(Revealed { at, by });
record!(AzureCredit {
    id,
    kind,
    amount_minor,
    offer,
    benefit_type,
    expires_on,
    users,
    spend
});
record!(CreditUser { user, since });
record!(CreditSpend {
    on,
    amount_minor,
    note,
    recorded_by
});
record!(LicenseBenefit {
    id,
    product,
    licenses,
    offer,
    benefit_type,
    benefit_expires_on,
    instructions,
});
record!(Subscription {
    id,
    product,
    seats,
    start,
    end,
    disabled
});
record!(KeyRecord {
    key,
    product,
    seats,
    added_on,
    added_by,
    added_seq,
    redemption
});
record!(Redemption {
    at,
    by,
    subscription,
    action
});
record!(VsSubscription {
    id,
    level,
    offer,
    assignment
});
record!(VsAssignment { user, assigned_on });
record!(TechnicalBenefit {
    id,
    kind,
    unit,
    allowance,
    state,
    requests
});
record!(SupportRequest {
    id,
    opened_on,
    opened_by,
    area,
    title,
    consumed
});
record!(GtmOffer { id, name, state });
record!(MarketingContact {
    user,
    email,
    phone,
    preferred_language
});
record!(Event {
    seq,
    at,
    actor,
    change
});
record!(SubscriptionTerms {
    seats,
    start,
    end,
    disabled
});

/// The one structure without `deny_unknown_fields`: a warning's other fields are ignored.
impl FromJson for Warning {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let mut fields = Fields::of(value, at)?;
        Ok(Warning {
            code: fields.get("code")?,
            message: fields.get("message")?,
        })
    }
}

// ------------------------------------------------------------------ enums with data

/// Refuses a variant name this enum does not have.
fn unknown_variant<T>(name: &str, at: At<'_>) -> Read<T> {
    at.refuse(format_args!("\"{name}\" is not a kind this version knows"))
}

/// A variant without data written as `{"name": ...}` must hold `null`, as serde's.
fn no_data(data: Value, at: At<'_>) -> Read<()> {
    match data {
        Value::Null => Ok(()),
        other => at.expected("nothing (null)", &other),
    }
}

impl FromJson for AzureOtherOffer {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let (name, data) = tagged(value, at)?;
        let inner = At::Field(&at, &name);
        let offer = match name.as_str() {
            "enterprise_agreement" => AzureOtherOffer::EnterpriseAgreement,
            "cloud_solution_provider" => AzureOtherOffer::CloudSolutionProvider,
            "azure_in_open" => AzureOtherOffer::AzureInOpen,
            "azure_pass" => AzureOtherOffer::AzurePass,
            "action_pack" => AzureOtherOffer::ActionPack,
            "other" => return Ok(AzureOtherOffer::Other(String::read(data, inner)?)),
            _ => return unknown_variant(&name, at),
        };
        no_data(data, inner)?;
        Ok(offer)
    }
}

/// An externally tagged enum whose variants have named fields or none, each with the name
/// `Serialize` writes: `tagged!(GtmState { NotActivated = "not_activated", Pending =
/// "pending" { requested_on, requested_by } })`; `= default` marks `#[serde(default)]`.
macro_rules! tagged {
    ($ty:ident {
        $($variant:ident = $name:literal $({ $($field:ident $(= $default:ident)?),* $(,)? })?),*
        $(,)?
    }) => {
        impl FromJson for $ty {
            fn read(value: Value, at: At<'_>) -> Read<Self> {
                let (name, data) = tagged(value, at)?;
                let inner = At::Field(&at, &name);
                Ok(match name.as_str() {
                    $($name => tagged!(@variant data inner $ty $variant $({ $($field $(= $default)?),* })?),)*
                    _ => return unknown_variant(&name, at),
                })
            }
        }
    };
    (@variant $data:ident $at:ident $ty:ident $variant:ident) => {{
        no_data($data, $at)?;
        $ty::$variant
    }};
    (@variant $data:ident $at:ident $ty:ident $variant:ident { $($field:ident $(= $default:ident)?),* }) => {
        variant!($data, $at, $ty::$variant { $($field $(= $default)?),* })
    };
}

tagged!(GtmState {
    NotActivated = "not_activated",
    Pending = "pending" { requested_on, requested_by },
    Active = "active" { activated_on, expires_on },
});

tagged!(TechnicalState {
    NotActivated = "not_activated",
    Pending = "pending" { requested_on, requested_by },
    Active = "active" { requested_on, activated_on, access_id, contract_id },
});

impl FromJson for RecordRef {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let (name, data) = tagged(value, at)?;
        let at_data = At::Field(&at, &name);
        Ok(match name.as_str() {
            "package" => RecordRef::Package(FromJson::read(data, at_data)?),
            "software" => RecordRef::Software(FromJson::read(data, at_data)?),
            "azure_credit" => RecordRef::AzureCredit(FromJson::read(data, at_data)?),
            "license_benefit" => RecordRef::LicenseBenefit(FromJson::read(data, at_data)?),
            "subscription" => RecordRef::Subscription(FromJson::read(data, at_data)?),
            "product_key" => RecordRef::ProductKey(FromJson::read(data, at_data)?),
            "visual_studio" => RecordRef::VisualStudio(FromJson::read(data, at_data)?),
            "technical" => RecordRef::Technical(FromJson::read(data, at_data)?),
            "gtm_offer" => RecordRef::GtmOffer(FromJson::read(data, at_data)?),
            _ => return unknown_variant(&name, at),
        })
    }
}

// The names are `Change::kind()`'s; tests/document.rs reads a document with every kind.
tagged!(Change {
    OrganisationSetUp = "organisation_set_up" { organisation, first_admin },
    OrganisationUpdated = "organisation_updated" { before, after },
    UserAdded = "user_added" { user },
    UserEdited = "user_edited" { user, before, after },
    UserDisabled = "user_disabled" { user },
    UserEnabled = "user_enabled" { user },
    UserAzureOffersSet = "user_azure_offers_set" { user, before, after },
    PackagePurchased = "package_purchased" { package },
    PackageCancellationRequested = "package_cancellation_requested" { package, request },
    SoftwareProductAdded = "software_product_added" { product },
    SoftwareKeysRevealed = "software_keys_revealed" { product, first_time },
    AzureCreditAdded = "azure_credit_added" { credit },
    AzureCreditUserAssigned = "azure_credit_user_assigned" { credit, user, on },
    AzureCreditUserRemoved = "azure_credit_user_removed" { credit, user },
    BulkCreditTransferred = "bulk_credit_transferred" { credit, from, to, on },
    CreditSpendRecorded = "credit_spend_recorded" { credit, spend },
    LicenseBenefitAdded = "license_benefit_added" { benefit },
    SubscriptionRecorded = "subscription_recorded" { subscription },
    SubscriptionDisabledSet = "subscription_disabled_set" { subscription, disabled },
    ProductKeysAdded = "product_keys_added" { product, seats, keys },
    KeyRedeemed = "key_redeemed" {
        key,
        product,
        key_seats,
        action,
        subscription,
        created,
        before,
        after,
        months_added = default,
        warnings = default,
    },
    VisualStudioSubscriptionsAdded = "visual_studio_subscriptions_added" { subscriptions },
    VisualStudioAssigned = "visual_studio_assigned" { subscription, user, on, previous },
    VisualStudioUnassigned = "visual_studio_unassigned" { subscription, previous },
    TechnicalBenefitAdded = "technical_benefit_added" { benefit },
    TechnicalBenefitActivationRequested = "technical_benefit_activation_requested" { benefit, on },
    TechnicalBenefitProcessed = "technical_benefit_processed" {
        benefit,
        activated_on,
        access_id,
        contract_id,
    },
    SupportRequestLogged = "support_request_logged" { benefit, request },
    GtmOfferAdded = "gtm_offer_added" { offer },
    MarketingContactSet = "marketing_contact_set" { before, after },
    GtmOfferActivationRequested = "gtm_offer_activation_requested" { offer, on },
    GtmOfferActivated = "gtm_offer_activated" { offer, activated_on, expires_on },
    RecordRemoved = "record_removed" { record, label },
});

// ------------------------------------------------------------------ commands

// What a person enters, as the commands carry it (`command.rs`). Only the app's queue of
// shared mode reads commands (a reload keeps the changes not yet sent); the server reads
// them with serde's derive. `tests/command_json.rs` checks the two give the same verdict
// and the same value.
record!(NewSoftwareProduct {
    name,
    offer,
    package = default,
    keys = default,
    special_instructions = default,
    languages,
    os_types,
    downloads = default,
});
record!(NewSoftwareKey { key, activations });
record!(NewAzureCredit {
    kind,
    amount_minor,
    offer,
    benefit_type,
    expires_on
});
record!(NewLicenseBenefit {
    product,
    licenses,
    offer,
    benefit_type,
    benefit_expires_on,
    instructions = default,
});
record!(NewSubscription {
    product,
    seats,
    start,
    end,
    disabled = default
});
record!(NewTechnicalBenefit {
    kind,
    unit,
    allowance
});

/// A redemption's fields, beside the command's tag (serde's newtype variant).
fn redeem_request(fields: &mut Fields<'_>) -> Read<RedeemRequest> {
    Ok(RedeemRequest {
        key: fields.get("key")?,
        target: fields.get("target")?,
        action: fields.get("action")?,
        confirm_tenant: fields.get("confirm_tenant")?,
    })
}

/// Internally tagged by `kind`. serde ignores any other field of the variant without data
/// (`{"kind": "new_subscription", "x": 1}` reads), so this does too.
impl FromJson for RedeemTarget {
    fn read(value: Value, at: At<'_>) -> Read<Self> {
        let mut fields = Fields::of(value, at)?;
        let kind: String = fields.get("kind")?;
        match kind.as_str() {
            "new_subscription" => Ok(RedeemTarget::NewSubscription),
            "existing" => {
                let target = RedeemTarget::Existing {
                    subscription: fields.get("subscription")?,
                };
                fields.end()?;
                Ok(target)
            }
            _ => unknown_variant(&kind, At::Field(&at, "kind")),
        }
    }
}

/// A command as serde writes it: internally tagged, `{"command": "add_user", "user": {…}}`.
/// A name written twice in any object is refused, as serde's derive refuses a duplicate
/// field (every object of a command is a structure or a tag; none is a map).
pub(crate) fn command(value: Value) -> Read<Command> {
    no_name_twice(&value, At::Root)?;
    let at = At::Root;
    let mut fields = Fields::of(value, at)?;
    let name: String = fields.get("command")?;
    macro_rules! command {
        ($($variant:ident = $name:literal { $($field:ident $(= $default:ident)?),* $(,)? }),* $(,)?) => {
            match name.as_str() {
                $($name => Command::$variant { $($field: record!(@field fields $field $($default)?)),* },)*
                "redeem_key" => Command::RedeemKey(redeem_request(&mut fields)?),
                _ => return unknown_variant(&name, At::Field(&at, "command")),
            }
        };
    }
    let command = command!(
        SetUpOrganisation = "set_up_organisation" { organisation, first_global_admin },
        UpdateOrganisation = "update_organisation" { organisation },
        AddUser = "add_user" { user },
        EditUser = "edit_user" { user, details },
        DisableUser = "disable_user" { user },
        EnableUser = "enable_user" { user },
        SetUserAzureOffers = "set_user_azure_offers" { user, offers },
        PurchasePackage = "purchase_package" { name, offer, purchased_on },
        RequestPackageCancellation = "request_package_cancellation" { package },
        AddSoftwareProduct = "add_software_product" { product },
        RevealSoftwareKeys = "reveal_software_keys" { product },
        AddAzureCredit = "add_azure_credit" { credit },
        AssignAzureCredit = "assign_azure_credit" { credit, user },
        RemoveAzureCreditUser = "remove_azure_credit_user" { credit, user },
        TransferBulkCredit = "transfer_bulk_credit" { credit, to },
        RecordCreditSpend = "record_credit_spend" { credit, on, amount_minor, note = default },
        AddLicenseBenefit = "add_license_benefit" { benefit },
        RecordSubscription = "record_subscription" { subscription },
        SetSubscriptionDisabled = "set_subscription_disabled" { subscription, disabled },
        AddProductKeys = "add_product_keys" { product, seats, text },
        AddVisualStudioSubscriptions = "add_visual_studio_subscriptions" { level, quantity, offer },
        AssignVisualStudio = "assign_visual_studio" { subscription, user },
        UnassignVisualStudio = "unassign_visual_studio" { subscription },
        AddTechnicalBenefit = "add_technical_benefit" { benefit },
        ActivateTechnicalBenefit = "activate_technical_benefit" { benefit },
        RecordTechnicalBenefitProcessed = "record_technical_benefit_processed" {
            benefit,
            access_id,
            contract_id,
        },
        LogSupportRequest = "log_support_request" { benefit, area, title, consumes },
        AddGtmOffer = "add_gtm_offer" { name },
        SetMarketingContact = "set_marketing_contact" { contact },
        ActivateGtmOffer = "activate_gtm_offer" { offer },
        RecordGtmOfferActivated = "record_gtm_offer_activated" { offer, activated_on, expires_on },
        RemoveRecord = "remove_record" { record },
    );
    fields.end()?;
    Ok(command)
}

/// Refuses an object that has a name twice, anywhere in `value`.
fn no_name_twice(value: &Value, at: At<'_>) -> Read<()> {
    match value {
        Value::Object(map) => {
            for (i, (name, inner)) in map.iter().enumerate() {
                if map.keys().take(i).any(|earlier| earlier == name) {
                    return at.refuse(format_args!("the field \"{name}\" is written twice"));
                }
                no_name_twice(inner, At::Field(&at, name))?;
            }
            Ok(())
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| no_name_twice(item, At::Index(&at, i))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// serde_json's `json!` is handy to write test values; the reader reads this project's.
    fn tree(value: serde_json::Value) -> Value {
        Value::parse(&value.to_string()).unwrap()
    }

    fn read<T: FromJson>(value: serde_json::Value) -> Read<T> {
        T::read(tree(value), At::Root)
    }

    #[test]
    fn dates_read_as_chrono_writes_them_and_nothing_looser() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(read::<NaiveDate>(json!("2026-11-21")), Ok(d(2026, 11, 21)));
        assert_eq!(read::<NaiveDate>(json!("+10000-01-01")), Ok(d(10000, 1, 1)));
        assert_eq!(read::<NaiveDate>(json!("-0001-12-31")), Ok(d(-1, 12, 31)));
        for bad in [
            "2026-1-21",
            "2026-02-30",
            "26-11-21",
            "2026-11-21 ",
            "2026/11/21",
            "",
            "2026-11-21T00:00:00",
        ] {
            let err = read::<NaiveDate>(json!(bad)).unwrap_err();
            assert!(err.contains("is not a date (YYYY-MM-DD)"), "{bad}: {err}");
        }
        assert_eq!(
            read::<NaiveDate>(json!(20261121)),
            Err("expected text, found a number".to_string())
        );
    }

    #[test]
    fn times_read_with_their_fraction_and_a_leap_second() {
        let at = |text: &str| read::<NaiveDateTime>(json!(text));
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(
            at("2026-11-21T09:30:05"),
            Ok(day.and_hms_opt(9, 30, 5).unwrap())
        );
        assert_eq!(
            at("2026-11-21T09:30:05.5"),
            Ok(day.and_hms_milli_opt(9, 30, 5, 500).unwrap())
        );
        assert_eq!(
            at("2026-11-21T23:59:60.25"),
            Ok(day.and_hms_milli_opt(23, 59, 59, 1250).unwrap())
        );
        for bad in [
            "2026-11-21",
            "2026-11-21T9:30:05",
            "2026-11-21T09:30",
            "2026-11-21T24:00:00",
            "2026-11-21T09:30:05.",
            "2026-11-21T09:30:05.1234567890",
            "2026-11-21T09:30:05Z",
        ] {
            assert!(at(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        /// Whatever chrono writes for a date and time (what `to_json` stores) reads back.
        #[test]
        fn what_chrono_writes_reads_back(days in -800_000i64..4_000_000, secs in 0u32..86_400, nano in 0u32..2_000_000_000) {
            let date = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Days::new(0) + chrono::TimeDelta::days(days);
            let leap = secs % 60 == 59;
            let nano = if leap { nano } else { nano % 1_000_000_000 };
            let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, nano).unwrap();
            let at = date.and_time(time);
            prop_assert_eq!(read::<NaiveDateTime>(serde_json::to_value(at).unwrap()), Ok(at));
            prop_assert_eq!(read::<NaiveDate>(serde_json::to_value(date).unwrap()), Ok(date));
        }
    }

    #[test]
    fn every_name_reads_back_as_serde_writes_it() {
        fn round_trip<T: FromJson + serde::Serialize + PartialEq + fmt::Debug>(all: &[T]) {
            for v in all {
                assert_eq!(read::<T>(serde_json::to_value(v).unwrap()).as_ref(), Ok(v));
            }
        }
        round_trip(&Offer::ALL);
        round_trip(&[BenefitType::Core, BenefitType::Incremental]);
        round_trip(&[CreditKind::Monthly, CreditKind::Bulk]);
        round_trip(&[UserKind::Member, UserKind::Guest]);
        round_trip(&Role::ALL);
        round_trip(&[
            TechnicalKind::SignatureCloudSupport,
            TechnicalKind::OnPremisesIncidents,
            TechnicalKind::PresalesDeployment,
        ]);
        round_trip(&[AllowanceUnit::Incidents, AllowanceUnit::Hours]);
        round_trip(&[
            ProductArea::OnPremises,
            ProductArea::AzureNonCsp,
            ProductArea::Dynamics,
            ProductArea::Cloud,
        ]);
        round_trip(&[VsLevel::Enterprise, VsLevel::Professional]);
        round_trip(&Action::ALL);
        round_trip(&[WarningCode::ShortTerm]);
        round_trip(&[
            AzureOtherOffer::EnterpriseAgreement,
            AzureOtherOffer::CloudSolutionProvider,
            AzureOtherOffer::AzureInOpen,
            AzureOtherOffer::AzurePass,
            AzureOtherOffer::ActionPack,
            AzureOtherOffer::Other("Sponsorship".into()),
        ]);
        let err = read::<Offer>(json!("platinum")).unwrap_err();
        assert_eq!(err, "\"platinum\" is not one of action_pack, silver, gold");
    }

    #[test]
    fn defaults_and_options_follow_serde() {
        let user = json!({"name": "Ana", "email": "ana@contoso.example", "kind": "member"});
        let details = read::<UserDetails>(user.clone()).unwrap();
        assert!(details.roles.is_empty(), "#[serde(default)] roles");
        let mut with_roles = user.clone();
        with_roles["roles"] = json!(["global_admin", "global_admin"]);
        assert_eq!(read::<UserDetails>(with_roles).unwrap().roles.len(), 1);

        let assignment = |previous: Option<serde_json::Value>| {
            let mut v = json!({"subscription": "vs-1", "user": "user-1", "on": "2026-11-21"});
            if let Some(p) = previous {
                v["previous"] = p;
            }
            read::<Change>(json!({ "visual_studio_assigned": v }))
        };
        let none = assignment(None).unwrap();
        assert_eq!(assignment(Some(serde_json::Value::Null)).unwrap(), none);
        assert!(matches!(
            none,
            Change::VisualStudioAssigned { previous: None, .. }
        ));

        // A warning ignores fields it does not know, as it always did.
        let w = read::<Warning>(json!({"code": "short_term", "message": "m", "extra": 1})).unwrap();
        assert_eq!(w.message, "m");
    }

    #[test]
    fn refusals_say_where_and_what() {
        let user = json!({"id": "user-1", "name": "Ana", "email": 5, "kind": "member", "roles": [], "disabled": false});
        let users = json!({ "user-1": user });
        assert_eq!(
            RecordMap::<UserId, DirectoryUser>::read(tree(users), At::Field(&At::Root, "users")),
            Err("users.user-1.email: expected text, found a number".to_string())
        );
        assert_eq!(
            read::<Vec<SubscriptionTerms>>(
                json!([{"seats": 1, "start": "2026-01-01", "end": "2027-01-01"}])
            ),
            Err("[0]: the field \"disabled\" is missing".to_string())
        );
        assert_eq!(
            read::<Change>(json!({"user_disabled": {"user": "user-1", "why": "left"}})),
            Err("user_disabled: unknown field \"why\"".to_string())
        );
        assert_eq!(
            read::<Change>(json!({"user_retired": {}})),
            Err("\"user_retired\" is not a kind this version knows".to_string())
        );
        assert_eq!(
            read::<Change>(json!({"user_disabled": {"user": "u"}, "user_enabled": {"user": "u"}})),
            Err("expected a name, or an object with one name, found an object".to_string())
        );
        assert_eq!(
            read::<GtmState>(json!({"not_activated": {"x": 1}})),
            Err("not_activated: expected nothing (null), found an object".to_string())
        );
        assert!(read::<i64>(json!(1.5)).is_err());
        assert!(read::<u64>(json!(-1)).is_err());
        assert!(read::<u32>(json!(4_294_967_296u64)).is_err());
        assert!(read::<ProductKey>(json!("OOPS"))
            .unwrap_err()
            .starts_with("\"OOPS\": "));
    }
}
