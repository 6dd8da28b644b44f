//! Directory users (R-DIR-1) and what their Azure subscription already carries (R-AZ-5).

use crate::ids::UserId;
use crate::roles::{Role, RoleSet};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Member of the organisation's tenant, or a guest invited into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserKind {
    Member,
    Guest,
}

/// A licensing, prepaid or credit offer already on a user's Azure subscription. Bulk Azure
/// credit cannot be combined with any of them (R-AZ-5).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AzureOtherOffer {
    EnterpriseAgreement,
    CloudSolutionProvider,
    AzureInOpen,
    AzurePass,
    ActionPack,
    /// Any other licensing, prepaid or credit offer, by name.
    Other(String),
}

impl AzureOtherOffer {
    pub fn label(&self) -> &str {
        match self {
            AzureOtherOffer::EnterpriseAgreement => "Enterprise Agreement",
            AzureOtherOffer::CloudSolutionProvider => "Cloud Solution Provider",
            AzureOtherOffer::AzureInOpen => "Azure in Open",
            AzureOtherOffer::AzurePass => "Azure Pass",
            AzureOtherOffer::ActionPack => "Action Pack",
            AzureOtherOffer::Other(name) => name,
        }
    }
}

impl fmt::Display for AzureOtherOffer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What a person enters for a user ("Account settings").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserDetails {
    pub name: String,
    pub email: String,
    pub kind: UserKind,
    #[serde(default)]
    pub roles: RoleSet,
}

/// A person of the organisation's directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DirectoryUser {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub kind: UserKind,
    pub roles: RoleSet,
    pub disabled: bool,
    /// Offers already on this user's Azure subscription (R-AZ-5).
    #[serde(default)]
    pub azure_offers: Vec<AzureOtherOffer>,
}

impl DirectoryUser {
    pub fn details(&self) -> UserDetails {
        UserDetails {
            name: self.name.clone(),
            email: self.email.clone(),
            kind: self.kind,
            roles: self.roles,
        }
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// An enabled user holding the Global admin role.
    pub fn is_active_global_admin(&self) -> bool {
        !self.disabled && self.has_role(Role::GlobalAdmin)
    }
}
