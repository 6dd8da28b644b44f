//! The workspace's areas and their addresses: what the left menu lists, in its order.

use crate::i18n::{t, Msg};

/// One area of the workspace, with a page of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    Membership,
    Software,
    AzureCloud,
    VisualStudio,
    Technical,
    GoToMarket,
    AccountSettings,
    Activity,
    KeyPlanner,
    Redeem,
    BulkPlanner,
    Calendar,
    Settings,
}

impl Area {
    /// The benefit areas, listed under "Benefits" in the menu.
    pub const BENEFITS: [Area; 6] = [
        Area::Membership,
        Area::Software,
        Area::AzureCloud,
        Area::VisualStudio,
        Area::Technical,
        Area::GoToMarket,
    ];

    /// The other areas, listed after the benefits.
    pub const TOOLS: [Area; 7] = [
        Area::AccountSettings,
        Area::Activity,
        Area::KeyPlanner,
        Area::BulkPlanner,
        Area::Redeem,
        Area::Calendar,
        Area::Settings,
    ];

    /// Every area, in menu order.
    pub fn all() -> impl Iterator<Item = Area> {
        Area::BENEFITS.into_iter().chain(Area::TOOLS)
    }

    /// The address of the area's page.
    pub fn path(self) -> &'static str {
        match self {
            Area::Membership => "/benefits",
            Area::Software => "/benefits/software",
            Area::AzureCloud => "/benefits/azure-cloud",
            Area::VisualStudio => "/benefits/visual-studio",
            Area::Technical => "/benefits/technical",
            Area::GoToMarket => "/benefits/go-to-market",
            Area::AccountSettings => "/account/users",
            Area::Activity => "/activity",
            Area::KeyPlanner => "/plan",
            Area::Redeem => "/redeem",
            Area::BulkPlanner => "/plan/bulk",
            Area::Calendar => "/calendar",
            Area::Settings => "/settings",
        }
    }

    /// The area whose page is at `path` (a trailing `/` is ignored), if any.
    pub fn at(path: &str) -> Option<Area> {
        let path = crate::router::trimmed(path);
        Area::all().find(|area| area.path() == path)
    }

    /// The area whose page shows `path`: its own address, or the address of one of its
    /// records (`/account/users/user-3` is shown by Account settings).
    pub fn showing(path: &str) -> Option<Area> {
        Area::at(path).or_else(|| Record::at(path).map(|r| r.area()))
    }

    /// The area's name, as the menu and the page heading show it.
    pub fn name(self) -> &'static str {
        t(match self {
            Area::Membership => Msg::AreaMembership,
            Area::Software => Msg::AreaSoftware,
            Area::AzureCloud => Msg::AreaAzureCloud,
            Area::VisualStudio => Msg::AreaVisualStudio,
            Area::Technical => Msg::AreaTechnical,
            Area::GoToMarket => Msg::AreaGoToMarket,
            Area::AccountSettings => Msg::AreaAccountSettings,
            Area::Activity => Msg::AreaActivity,
            Area::KeyPlanner => Msg::AreaKeyPlanner,
            Area::Redeem => Msg::AreaRedeem,
            Area::BulkPlanner => Msg::AreaBulkPlanner,
            Area::Calendar => Msg::AreaCalendar,
            Area::Settings => Msg::AreaSettings,
        })
    }
}

/// Shared mode: the changes the server did not apply, linked from the header.
pub const NOT_APPLIED_PATH: &str = "/changes-not-applied";

/// Shared mode: where an invitation link leads (the token after `#`, so that it is never
/// sent to a server or written in its logs).
pub const INVITATION_PATH: &str = "/invitation";

/// The address `/` leads to: the membership overview, the first thing a partner sees.
pub const HOME: Area = Area::Membership;

/// One record with an address of its own: a link a partner can send to a colleague. The
/// router's parameterised routes (`app.rs`) match the same addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A directory user, by id: Account settings with the user's details open.
    User(String),
    /// A tenant subscription, by id: its row on Azure & Cloud.
    Subscription(String),
    /// A product key of the inventory, by its last five characters — what the masked key
    /// shows — so that the link names the key without carrying the key itself.
    Key(String),
}

/// The route parameter of each record address (`:user`, `:subscription`, `:key`).
pub const USER_PARAM: &str = "user";
pub const SUBSCRIPTION_PARAM: &str = "subscription";
pub const KEY_PARAM: &str = "key";

const USERS_PREFIX: &str = "/account/users/";
const SUBSCRIPTIONS_PREFIX: &str = "/benefits/azure-cloud/subscriptions/";
const KEYS_PREFIX: &str = "/benefits/azure-cloud/keys/";

impl Record {
    /// The page that shows the record.
    pub fn area(&self) -> Area {
        match self {
            Record::User(_) => Area::AccountSettings,
            Record::Subscription(_) | Record::Key(_) => Area::AzureCloud,
        }
    }

    /// The record's address (its id percent-encoded where it needs to be).
    pub fn path(&self) -> String {
        let (prefix, id) = match self {
            Record::User(id) => (USERS_PREFIX, id),
            Record::Subscription(id) => (SUBSCRIPTIONS_PREFIX, id),
            Record::Key(id) => (KEYS_PREFIX, id),
        };
        format!("{prefix}{}", encode_segment(id))
    }

    /// The record whose address is `path`, if it is one (a trailing `/` is ignored).
    pub fn at(path: &str) -> Option<Record> {
        let path = crate::router::trimmed(path);
        let one = |prefix: &str| {
            path.strip_prefix(prefix)
                .filter(|id| !id.is_empty() && !id.contains('/'))
                .map(decode_segment)
        };
        one(USERS_PREFIX)
            .map(Record::User)
            .or_else(|| one(SUBSCRIPTIONS_PREFIX).map(Record::Subscription))
            .or_else(|| one(KEYS_PREFIX).map(Record::Key))
    }
}

/// A path segment as an address carries it: letters, digits and `-._~` as they are, every
/// other byte as `%XX`.
pub fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The text of a path segment (`%XX` decoded; a malformed escape is kept as written).
pub fn decode_segment(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn menu_order_and_addresses_follow_the_spec() {
        let menu: Vec<(&str, &str)> = Area::all().map(|a| (a.name(), a.path())).collect();
        assert_eq!(
            menu,
            [
                ("Membership", "/benefits"),
                ("Software", "/benefits/software"),
                ("Azure & Cloud", "/benefits/azure-cloud"),
                ("Visual Studio", "/benefits/visual-studio"),
                ("Technical", "/benefits/technical"),
                ("Go-To-Market", "/benefits/go-to-market"),
                ("Account settings", "/account/users"),
                ("Activity", "/activity"),
                ("Key planner", "/plan"),
                ("Bulk key planner", "/plan/bulk"),
                ("Redeem a key", "/redeem"),
                ("Expiry calendar", "/calendar"),
                ("Settings", "/settings"),
            ]
        );
    }
    #[test]
    fn addresses_are_unique_and_absolute() {
        let paths: HashSet<&str> = Area::all().map(Area::path).collect();
        assert_eq!(paths.len(), 13);
        assert!(paths
            .iter()
            .all(|p| p.starts_with('/') && !p.ends_with('/')));
        assert_eq!(HOME.path(), "/benefits");
    }

    #[test]
    fn every_address_leads_to_its_area_and_no_other() {
        for area in Area::all() {
            assert_eq!(Area::at(area.path()), Some(area));
            assert_eq!(Area::at(&format!("{}/", area.path())), Some(area));
        }
        assert_eq!(Area::at("/"), None);
        assert_eq!(Area::at("/benefits/softwares"), None);
        assert_eq!(Area::at("/BENEFITS"), None);
    }

    #[test]
    fn a_record_address_is_shown_by_its_area_and_reads_back() {
        for (record, path, area) in [
            (
                Record::User("user-3".into()),
                "/account/users/user-3",
                Area::AccountSettings,
            ),
            (
                Record::Subscription("sub-1".into()),
                "/benefits/azure-cloud/subscriptions/sub-1",
                Area::AzureCloud,
            ),
            (
                Record::Key("FG3VT".into()),
                "/benefits/azure-cloud/keys/FG3VT",
                Area::AzureCloud,
            ),
        ] {
            assert_eq!(record.path(), path);
            assert_eq!(Record::at(path), Some(record.clone()));
            assert_eq!(Record::at(&format!("{path}/")), Some(record.clone()));
            assert_eq!(Area::showing(path), Some(area));
            assert_eq!(record.area(), area);
        }
        // The areas' own addresses are not records, and a record has exactly one segment.
        for area in Area::all() {
            assert_eq!(Record::at(area.path()), None);
            assert_eq!(Area::showing(area.path()), Some(area));
        }
        assert_eq!(Record::at("/account/users/"), None);
        assert_eq!(Record::at("/account/users/a/b"), None);
        assert_eq!(Area::showing("/account/users/a/b"), None);
        assert_eq!(Area::showing("/plan/bulk"), Some(Area::BulkPlanner));
    }

    #[test]
    fn record_ids_travel_in_an_address_unchanged() {
        for id in ["user-3", "a b/c?d#e", "é%20", "%", "%zz", ""] {
            assert_eq!(decode_segment(&encode_segment(id)), id);
            assert!(!encode_segment(id).contains(['/', '?', '#', ' ']));
        }
        let odd = Record::User("a b/c".into());
        assert_eq!(odd.path(), "/account/users/a%20b%2Fc");
        assert_eq!(Record::at(&odd.path()), Some(odd));
        assert_eq!(decode_segment("%zz%4"), "%zz%4");
    }
}
