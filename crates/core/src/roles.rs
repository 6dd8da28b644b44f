//! Roles and the R-ROLE-1 matrix: what each role may do.
//!
//! [`Permission`] has one variant per row of the matrix, plus one row the spec does not
//! name ([`Permission::RecordMembership`], see `docs/DOMAIN.md`). [`allowed`] answers the
//! matrix; [`Permission::roles`] lists the roles that grant a row, so a refusal can say
//! "Only a Global admin can …; you are acting as User admin".

use crate::enum_set::EnumSet;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A role of a directory user (SPEC §1). The serde ids are the spec's ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    GlobalAdmin,
    MpnPartnerAdmin,
    UserAdmin,
    AdminAgent,
}

/// The roles a user holds, listed in [`Role::ALL`]'s order.
pub type RoleSet = EnumSet<Role>;

crate::enum_set::set_member!(Role);

impl Role {
    /// In the order of the matrix's columns (and of a [`RoleSet`]).
    pub const ALL: [Role; 4] = [
        Role::GlobalAdmin,
        Role::MpnPartnerAdmin,
        Role::UserAdmin,
        Role::AdminAgent,
    ];

    /// The spec's id: `global_admin`, ….
    pub fn id(self) -> &'static str {
        match self {
            Role::GlobalAdmin => "global_admin",
            Role::MpnPartnerAdmin => "mpn_partner_admin",
            Role::UserAdmin => "user_admin",
            Role::AdminAgent => "admin_agent",
        }
    }

    /// The name a person reads: "Global admin".
    pub fn label(self) -> &'static str {
        match self {
            Role::GlobalAdmin => "Global admin",
            Role::MpnPartnerAdmin => "MPN partner admin",
            Role::UserAdmin => "User admin",
            Role::AdminAgent => "Admin agent",
        }
    }

    /// The name with its article: "a Global admin", "an MPN partner admin".
    pub fn with_article(self) -> &'static str {
        match self {
            Role::GlobalAdmin => "a Global admin",
            Role::MpnPartnerAdmin => "an MPN partner admin",
            Role::UserAdmin => "a User admin",
            Role::AdminAgent => "an Admin agent",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One row of the R-ROLE-1 matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// View benefits, keys (masked), plans, activity.
    View,
    /// Purchase a benefit package (global admin not required).
    PurchasePackage,
    /// Reveal software keys ("Get keys"), activate software / technical benefits.
    ActivateBenefits,
    /// Assign or remove benefits for employees (Visual Studio, Azure credit users).
    AssignEmployeeBenefits,
    /// Go-To-Market: set marketing contact, activate offers.
    GoToMarket,
    /// Add / edit directory users and their roles ("Account settings").
    ManageDirectory,
    /// Redeem a product key in the tenant (the wizard's last step).
    RedeemKey,
    /// Request cancellation of a package.
    RequestCancellation,
    /// Beyond the matrix: enter and correct the membership's records (organisation
    /// details, benefits, keys, tenant subscriptions, what Partner Center reports back).
    /// Given to the two roles the source says "activate most benefits".
    RecordMembership,
}

impl Permission {
    /// The matrix's rows in its order, then the rows added beyond it.
    pub const ALL: [Permission; 9] = [
        Permission::View,
        Permission::PurchasePackage,
        Permission::ActivateBenefits,
        Permission::AssignEmployeeBenefits,
        Permission::GoToMarket,
        Permission::ManageDirectory,
        Permission::RedeemKey,
        Permission::RequestCancellation,
        Permission::RecordMembership,
    ];

    /// The roles that grant this row (R-ROLE-1), in the matrix's column order.
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Permission::View | Permission::PurchasePackage => {
                &[GlobalAdmin, MpnPartnerAdmin, UserAdmin, AdminAgent]
            }
            Permission::ActivateBenefits
            | Permission::GoToMarket
            | Permission::RequestCancellation
            | Permission::RecordMembership => &[GlobalAdmin, MpnPartnerAdmin],
            Permission::AssignEmployeeBenefits | Permission::RedeemKey => &[GlobalAdmin],
            Permission::ManageDirectory => &[GlobalAdmin, UserAdmin],
        }
    }

    /// The row's text, for a person.
    pub fn description(self) -> &'static str {
        match self {
            Permission::View => "view benefits, keys (masked), plans and activity",
            Permission::PurchasePackage => "purchase a benefit package",
            Permission::ActivateBenefits => {
                "reveal software keys and activate software or technical benefits"
            }
            Permission::AssignEmployeeBenefits => "assign or remove benefits for employees",
            Permission::GoToMarket => "set the marketing contact and activate Go-To-Market offers",
            Permission::ManageDirectory => "add and edit directory users and their roles",
            Permission::RedeemKey => "redeem a product key in the tenant",
            Permission::RequestCancellation => "request the cancellation of a package",
            Permission::RecordMembership => "enter and correct the membership's records",
        }
    }
}

/// Whether a user holding `roles` may do what `permission` covers (R-ROLE-1).
pub fn allowed<'a>(roles: impl IntoIterator<Item = &'a Role>, permission: Permission) -> bool {
    let granting = permission.roles();
    roles.into_iter().any(|r| granting.contains(r))
}

/// "a Global admin", "a Global admin or an MPN partner admin", "a Global admin, a User
/// admin or an Admin agent".
pub fn roles_phrase(roles: &[Role]) -> String {
    join(roles.iter().map(|r| r.with_article()), "or")
}

/// "User admin", "User admin and Admin agent": the roles someone is acting with.
pub fn acting_as(roles: impl IntoIterator<Item = Role>) -> String {
    let labels: Vec<&str> = roles.into_iter().map(Role::label).collect();
    if labels.is_empty() {
        "a user with no role".to_string()
    } else {
        join(labels.into_iter(), "and")
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>, last: &str) -> String {
    let items: Vec<&str> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((only, [])) => (*only).to_string(),
        Some((tail, head)) => format!("{} {last} {tail}", head.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_ids_are_the_spec_ids() {
        for role in Role::ALL {
            assert_eq!(serde_json::to_value(role).unwrap(), role.id());
        }
    }

    #[test]
    fn phrases_read_well() {
        assert_eq!(roles_phrase(&[Role::GlobalAdmin]), "a Global admin");
        assert_eq!(
            roles_phrase(&[Role::GlobalAdmin, Role::MpnPartnerAdmin]),
            "a Global admin or an MPN partner admin"
        );
        assert_eq!(
            roles_phrase(&Role::ALL),
            "a Global admin, an MPN partner admin, a User admin or an Admin agent"
        );
        assert_eq!(
            acting_as([Role::UserAdmin, Role::AdminAgent]),
            "User admin and Admin agent"
        );
        assert_eq!(acting_as([]), "a user with no role");
    }
}
