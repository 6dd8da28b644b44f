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

/// The address `/` leads to: the membership overview, the first thing a partner sees.
pub const HOME: Area = Area::Membership;

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
}
