//! The fixed world of the rule tests: the demo workspace built for 2026-11-20.
//!
//! Demo facts used below: enrollment year 2026-08-20..=2027-08-19; vs-1 assigned to Mario
//! on 2026-10-21, vs-2 to Uma on 2026-07-23, vs-3 free; pkg-1 purchased 2026-09-21 (its
//! sw-1 revealed), pkg-2 on 2026-11-10 (sw-2 not revealed); sub-1 Microsoft 365 Business
//! Premium, 100 seats, ends 2027-01-20; sub-2 Power BI Pro, expired 2026-10-31; credit-1
//! monthly (Mario, Gus), credit-2 bulk (Gloria); Nora's Azure carries an Azure Pass;
//! tech-1 not activated, tech-2 pending, tech-3 active (5 incidents, 1 used).

#![allow(dead_code)]

pub use benefits_core::demo::{
    ANDY, GLORIA, GUS, M365, M365_KEY_100, M365_KEY_25, M365_KEY_400, MARIO, NORA, POWER_BI,
    POWER_BI_KEY, TENANT_DOMAIN, UMA,
};
pub use benefits_core::model::*;
pub use benefits_core::*;
pub use chrono::{NaiveDate, NaiveDateTime};

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn today() -> NaiveDate {
    d("2026-11-20")
}

/// Noon (UTC) of a day.
pub fn noon(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(12, 0, 0).unwrap()
}

pub fn now() -> NaiveDateTime {
    noon(today())
}

pub fn u(id: &str) -> UserId {
    UserId::from(id)
}

pub fn demo() -> WorkspaceDoc {
    benefits_core::demo::try_workspace(today()).unwrap()
}

/// Applies a command that must be accepted; checks the invariants and replay after it.
pub fn ok_at(doc: &mut WorkspaceDoc, actor: &str, when: NaiveDateTime, cmd: Command) -> Event {
    let event = match doc.apply(&u(actor), when, &cmd) {
        Ok(e) => e.clone(),
        Err(e) => panic!("refused: {e:?}\ncommand: {cmd:?}"),
    };
    assert_eq!(doc.workspace().check_invariants(), Vec::<String>::new());
    event
}

pub fn ok(doc: &mut WorkspaceDoc, actor: &str, cmd: Command) -> Event {
    ok_at(doc, actor, now(), cmd)
}

/// Applies a command that must be refused, and checks that nothing changed.
pub fn refused_at(
    doc: &mut WorkspaceDoc,
    actor: &str,
    when: NaiveDateTime,
    cmd: Command,
) -> DomainError {
    let before = doc.clone();
    match doc.apply(&u(actor), when, &cmd) {
        Ok(e) => panic!("accepted: {e:?}"),
        Err(err) => {
            assert_eq!(*doc, before, "a refused command changed the document");
            assert!(!err.message.is_empty());
            err
        }
    }
}

pub fn refused(doc: &mut WorkspaceDoc, actor: &str, cmd: Command) -> DomainError {
    refused_at(doc, actor, now(), cmd)
}

/// Asserts the error's code and that its message contains every fragment.
pub fn assert_refusal(err: &DomainError, code: ErrorCode, fragments: &[&str]) {
    assert_eq!(err.code, code, "{err:?}");
    for f in fragments {
        assert!(
            err.message.contains(f),
            "message lacks {f:?}: {}",
            err.message
        );
    }
}

pub fn person(name: &str, email: &str, roles: &[Role]) -> UserDetails {
    UserDetails {
        name: name.into(),
        email: email.into(),
        kind: UserKind::Member,
        roles: roles.iter().copied().collect(),
    }
}

pub fn redeem(key: &str, target: RedeemTarget, action: Action) -> Command {
    Command::RedeemKey(RedeemRequest {
        key: key.into(),
        target,
        action,
        confirm_tenant: TENANT_DOMAIN.into(),
    })
}

pub fn existing(id: &str) -> RedeemTarget {
    RedeemTarget::Existing {
        subscription: SubscriptionId::from(id),
    }
}

pub fn user<'a>(doc: &'a WorkspaceDoc, id: &str) -> &'a DirectoryUser {
    doc.workspace().user(&u(id)).unwrap()
}
