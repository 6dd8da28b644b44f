//! The key-redemption wizard (`/redeem`, R-KEY-4) as plain data: the five steps, what each
//! needs before "Next" moves on, and what the engine answers at the validate, review and
//! redeem steps. No rule lives here: whether a key, a subscription or an action is accepted
//! is asked of `benefits_core` (`Workspace::preview_redemption`, `Workspace::decide`); this
//! module only keeps what the partner entered and routes the answers. The page
//! (`src/pages/redeem.rs`) draws it.
//!
//! Nothing is changed before step 5: the wizard holds entries and previews, and the one
//! command (`RedeemKey`) is built here but dispatched by the page after the confirmation.

use crate::i18n::{self, pick, Lang};
use crate::plan_query::percent_decode;
use crate::timeline::TimelineInput;
use benefits_core::model::{Subscription, SubscriptionStatus, Tenant};
use benefits_core::proration::{extension_limit, KEY_TERM_MONTHS};
use benefits_core::{
    Action, Change, Command, DomainError, Event, RedeemRequest, RedeemTarget, RedemptionPreview,
    SubscriptionId, UserId, Workspace,
};
use chrono::{NaiveDate, NaiveDateTime};

/// How many steps the wizard has ("Step 2 of 5").
pub const STEP_COUNT: u8 = 5;

/// Longest key text kept from the address (a key is 29 characters with its hyphens).
const MAX_KEY_CHARS: usize = 64;

/// The select's value for "A new subscription".
pub const NEW_SUBSCRIPTION: &str = "new";

// ------------------------------------------------------------------------------- the steps

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Step {
    /// 1. What to do, and with which subscription.
    #[default]
    Choose,
    /// 2. The tenant the key goes into.
    Tenant,
    /// 3. The key, validated by the engine.
    Key,
    /// 4. What the key will do, every option side by side.
    Review,
    /// 5. The confirmation and the redemption itself.
    Redeem,
}

impl Step {
    pub const ALL: [Step; 5] = [
        Step::Choose,
        Step::Tenant,
        Step::Key,
        Step::Review,
        Step::Redeem,
    ];

    /// 1 to 5.
    pub fn number(self) -> u8 {
        match self {
            Step::Choose => 1,
            Step::Tenant => 2,
            Step::Key => 3,
            Step::Review => 4,
            Step::Redeem => 5,
        }
    }

    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.number() as usize).copied()
    }

    pub fn previous(self) -> Option<Step> {
        Step::ALL
            .get((self.number() as usize).checked_sub(2)?)
            .copied()
    }

    /// The step's name, as the indicator and its heading show it.
    pub fn title(self) -> &'static str {
        match self {
            Step::Choose => pick("Choose what to do", "Choisir l'action"),
            Step::Tenant => pick("Confirm the tenant", "Confirmer le locataire"),
            Step::Key => pick("Enter the key", "Saisir la clé"),
            Step::Review => pick("Review", "Vérifier"),
            Step::Redeem => pick("Redeem", "Échanger"),
        }
    }

    /// "Step 2 of 5".
    pub fn counter(self) -> String {
        match i18n::lang() {
            Lang::En => format!("Step {} of {STEP_COUNT}", self.number()),
            Lang::Fr => format!("Étape {} sur {STEP_COUNT}", self.number()),
        }
    }
}

/// The words of an action, as the radio buttons and the option cards name it.
pub fn action_label(action: Action) -> &'static str {
    match action {
        Action::ActivateNew => pick(
            "Activate a new subscription",
            "Activer un nouvel abonnement",
        ),
        Action::ExtendEndDate => pick("Extend the end date", "Prolonger la date de fin"),
        Action::AddLicenses => pick("Add licenses", "Ajouter des licences"),
    }
}

/// One line under each action: what it does.
pub fn action_summary(action: Action) -> &'static str {
    match action {
        Action::ActivateNew => pick(
            "Starts a subscription with the key's licenses for 12 months, or restarts an expired or disabled one.",
            "Démarre un abonnement avec les licences de la clé pour 12 mois, ou relance un abonnement expiré ou désactivé.",
        ),
        Action::ExtendEndDate => pick(
            "The licenses stay as they are; the end date moves later.",
            "Le nombre de licences ne change pas ; la date de fin recule.",
        ),
        Action::AddLicenses => pick(
            "The key's licenses join the subscription; the end date is averaged over all licenses.",
            "Les licences de la clé rejoignent l'abonnement ; la date de fin est la moyenne sur toutes les licences.",
        ),
    }
}

// ------------------------------------------------------------------------------ the target

/// Which subscription the key goes into.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A brand-new subscription of the key's product.
    New,
    Existing(SubscriptionId),
}

impl Target {
    pub fn redeem_target(&self) -> RedeemTarget {
        match self {
            Target::New => RedeemTarget::NewSubscription,
            Target::Existing(id) => RedeemTarget::Existing {
                subscription: id.clone(),
            },
        }
    }

    /// The value of the "Subscription" select's option.
    pub fn select_value(&self) -> String {
        match self {
            Target::New => NEW_SUBSCRIPTION.to_string(),
            Target::Existing(id) => id.to_string(),
        }
    }

    /// Reads the select's value (or the address's `subscription=`); empty is no choice.
    pub fn from_value(value: &str) -> Option<Target> {
        match value.trim() {
            "" => None,
            v if v.eq_ignore_ascii_case(NEW_SUBSCRIPTION) => Some(Target::New),
            v => Some(Target::Existing(SubscriptionId::new(v))),
        }
    }
}

/// Where the chosen target stands today: what step 1 offers depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetState {
    New,
    Existing {
        status: SubscriptionStatus,
        end: NaiveDate,
    },
}

impl TargetState {
    pub fn of(subscription: &Subscription, today: NaiveDate) -> TargetState {
        TargetState::Existing {
            status: subscription.status(today),
            end: subscription.end,
        }
    }
}

/// Why an action is not offered for the chosen subscription (step 1 greys it out and says
/// this; the engine refuses the same combinations at step 3 in its own words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotOffered {
    /// A brand-new subscription can only be activated.
    NewOnlyActivates,
    /// The subscription expired or was disabled: only "activate" is possible with it.
    Ended {
        status: SubscriptionStatus,
        end: NaiveDate,
    },
    /// The subscription is still active: extend it or add licenses, or pick "A new
    /// subscription" to start another one.
    StillActive { end: NaiveDate },
}

/// Whether step 1 offers `action` for `target` (R-KEY-4 step 1, R-PRO-5: extend and add need
/// an active subscription; an active one is not "activated" again).
pub fn offered(action: Action, target: TargetState) -> Result<(), NotOffered> {
    match (action, target) {
        (Action::ActivateNew, TargetState::New) => Ok(()),
        (_, TargetState::New) => Err(NotOffered::NewOnlyActivates),
        (Action::ActivateNew, TargetState::Existing { status, end }) => match status {
            SubscriptionStatus::Active => Err(NotOffered::StillActive { end }),
            _ => Ok(()),
        },
        (_, TargetState::Existing { status, end }) => match status {
            SubscriptionStatus::Active => Ok(()),
            status => Err(NotOffered::Ended { status, end }),
        },
    }
}

/// The sentence for an action step 1 does not offer. `name` is "sub-2 (Power BI Pro)".
pub fn not_offered_text(why: NotOffered, name: &str) -> String {
    let date = |d: NaiveDate| i18n::format_date(d);
    match (i18n::lang(), why) {
        (Lang::En, NotOffered::NewOnlyActivates) => "A new subscription can only be activated: to extend an end date or add licenses, choose an existing subscription.".to_string(),
        (Lang::Fr, NotOffered::NewOnlyActivates) => "Un nouvel abonnement ne peut qu'être activé : pour prolonger une date de fin ou ajouter des licences, choisissez un abonnement existant.".to_string(),
        (Lang::En, NotOffered::Ended { status: SubscriptionStatus::Disabled, .. }) => format!("{name} is disabled: only “Activate a new subscription” is possible with it."),
        (Lang::Fr, NotOffered::Ended { status: SubscriptionStatus::Disabled, .. }) => format!("{name} est désactivé : seule l'action « Activer un nouvel abonnement » est possible."),
        (Lang::En, NotOffered::Ended { end, .. }) => format!("{name} ended on {}: only “Activate a new subscription” is possible with it. Extending or adding licenses needs an active subscription.", date(end)),
        (Lang::Fr, NotOffered::Ended { end, .. }) => format!("{name} a pris fin le {} : seule l'action « Activer un nouvel abonnement » est possible. Prolonger ou ajouter des licences demande un abonnement actif.", date(end)),
        (Lang::En, NotOffered::StillActive { end }) => format!("{name} is active until {}: extend its end date or add licenses to it. To start another subscription, choose “A new subscription”.", date(end)),
        (Lang::Fr, NotOffered::StillActive { end }) => format!("{name} est actif jusqu'au {} : prolongez sa date de fin ou ajoutez-lui des licences. Pour démarrer un autre abonnement, choisissez « Un nouvel abonnement ».", date(end)),
    }
}

/// "sub-1 (Microsoft 365 Business Premium)".
pub fn subscription_name(subscription: &Subscription) -> String {
    format!("{} ({})", subscription.id, subscription.product)
}

/// The status word shown in the subscriptions table.
pub fn status_label(status: SubscriptionStatus) -> &'static str {
    match status {
        SubscriptionStatus::Active => pick("Active", "Actif"),
        SubscriptionStatus::Expired => pick("Expired", "Expiré"),
        SubscriptionStatus::Disabled => pick("Disabled", "Désactivé"),
    }
}

/// One row of step 1's list of the tenant's subscriptions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionRow {
    pub id: SubscriptionId,
    pub product: String,
    pub seats: i64,
    pub end: NaiveDate,
    pub status: SubscriptionStatus,
}

pub fn subscription_rows(ws: &Workspace, today: NaiveDate) -> Vec<SubscriptionRow> {
    ws.subscriptions()
        .values()
        .map(|s| SubscriptionRow {
            id: s.id.clone(),
            product: s.product.clone(),
            seats: s.seats,
            end: s.end,
            status: s.status(today),
        })
        .collect()
}

// ------------------------------------------------------------------------------ the address

/// `/redeem?subscription=sub-1&action=extend_end_date&key=QK7TW-…`: a link that opens the
/// wizard with entries filled in ("View details" on the Azure & Cloud page, the bulk planner).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WizardQuery {
    /// `sub-N`, or `new` for a new subscription.
    pub subscription: Option<String>,
    pub action: Option<Action>,
    pub key: Option<String>,
}

impl WizardQuery {
    /// Reads a raw query string, with or without its `?`. Unknown parameters and action
    /// codes are ignored; of a repeated parameter, the first counts. Never fails.
    pub fn parse(query: &str) -> WizardQuery {
        let mut q = WizardQuery::default();
        for part in query.trim_start_matches('?').split('&') {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let (k, v) = (percent_decode(k), percent_decode(v));
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            match k.as_str() {
                "subscription" if q.subscription.is_none() => {
                    q.subscription = Some(v.chars().take(MAX_KEY_CHARS).collect());
                }
                "action" if q.action.is_none() => {
                    q.action = Action::ALL.into_iter().find(|a| a.code() == v);
                }
                "key" if q.key.is_none() => q.key = Some(v.chars().take(MAX_KEY_CHARS).collect()),
                _ => {}
            }
        }
        q
    }
}

// ------------------------------------------------------------------------------ the wizard

/// The engine's answer at step 3 for the current entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated {
    /// The question asked; the answer holds only while the entries still ask it.
    pub request: RedeemRequest,
    pub preview: RedemptionPreview,
}

/// The engine's refusal at step 3, and the actions it would accept instead with this key
/// and subscription (e.g. "Add licenses" when "Extend" passes the 3-year limit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub error: DomainError,
    pub alternatives: Vec<Action>,
}

/// What the result page shows, read from the `key_redeemed` event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    /// The key in five groups (the partner typed it; the result page lets them copy it).
    pub key: String,
    pub product: String,
    pub key_seats: i64,
    pub action: Action,
    pub subscription: SubscriptionId,
    /// A new subscription was created.
    pub created: bool,
    pub seats: i64,
    pub end: NaiveDate,
    pub previous_seats: Option<i64>,
    pub previous_end: Option<NaiveDate>,
    /// The activity log's line for the event (the engine's English; the page shows it in
    /// the partner's language from the event `seq`).
    pub activity: String,
    pub seq: u64,
    pub at: NaiveDateTime,
}

/// What keeps "Next" from moving on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    ChooseSubscription,
    /// The chosen subscription is no longer in the workspace.
    SubscriptionGone,
    ChooseAction,
    NotOffered(NotOffered),
    ConfirmTenant,
    ValidateKey,
    /// The engine refused the key as entered: its reason is shown above "Next".
    KeyRefused,
    /// Step 5 ends with "Redeem", not "Next".
    LastStep,
}

/// The sentence beside "Next" when it cannot move on.
pub fn blocker_text(blocker: Blocker, subscription: Option<&str>) -> String {
    match blocker {
        Blocker::ChooseSubscription => pick(
            "Choose a subscription, or “A new subscription”, first.",
            "Choisissez d'abord un abonnement, ou « Un nouvel abonnement ».",
        )
        .to_string(),
        Blocker::SubscriptionGone => pick(
            "The chosen subscription is no longer in this workspace: choose another one.",
            "L'abonnement choisi n'est plus dans cet espace de travail : choisissez-en un autre.",
        )
        .to_string(),
        Blocker::ChooseAction => pick(
            "Choose what to do with the key first.",
            "Choisissez d'abord ce que la clé doit faire.",
        )
        .to_string(),
        Blocker::NotOffered(why) => not_offered_text(why, subscription.unwrap_or_default()),
        Blocker::ConfirmTenant => pick(
            "Tick “This is the right tenant” first: a key redeemed into the wrong tenant cannot be moved.",
            "Cochez d'abord « C'est le bon locataire » : une clé échangée dans le mauvais locataire ne peut pas être déplacée.",
        )
        .to_string(),
        Blocker::ValidateKey => pick(
            "Enter the product key and choose “Validate” first.",
            "Saisissez d'abord la clé de produit, puis choisissez « Valider ».",
        )
        .to_string(),
        Blocker::KeyRefused => pick(
            "The key was refused, for the reason shown above: correct the key, or choose what the refusal suggests, then “Validate” again.",
            "La clé a été refusée, pour la raison indiquée plus haut : corrigez la clé, ou choisissez ce que le refus propose, puis « Valider » de nouveau.",
        )
        .to_string(),
        Blocker::LastStep => pick(
            "This is the last step: choose “Redeem” to redeem the key.",
            "C'est la dernière étape : choisissez « Échanger la clé » pour échanger la clé.",
        )
        .to_string(),
    }
}

/// The wizard's entries and where the partner is. Plain data: the page keeps one in a
/// signal and calls these methods from its event handlers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wizard {
    step: Step,
    action: Option<Action>,
    target: Option<Target>,
    tenant_confirmed: bool,
    key: String,
    validated: Option<Validated>,
    rejected: Option<Rejected>,
    done: Option<Done>,
}

impl Wizard {
    pub fn new() -> Wizard {
        Wizard::default()
    }

    /// A wizard filled from a link. Always starts at step 1: the partner still confirms the
    /// tenant and validates the key. Returns the `subscription=` value when no such
    /// subscription exists (the page says so).
    pub fn from_query(query: &WizardQuery, ws: &Workspace) -> (Wizard, Option<String>) {
        let mut wizard = Wizard::new();
        let mut unknown = None;
        if let Some(value) = &query.subscription {
            match Target::from_value(value) {
                Some(Target::Existing(id)) if ws.subscriptions().get(&id).is_none() => {
                    unknown = Some(value.clone());
                }
                target => wizard.target = target,
            }
        }
        wizard.action = query.action;
        if let Some(key) = &query.key {
            wizard.key = key.clone();
        }
        (wizard, unknown)
    }

    pub fn step(&self) -> Step {
        self.step
    }
    pub fn action(&self) -> Option<Action> {
        self.action
    }
    pub fn target(&self) -> Option<&Target> {
        self.target.as_ref()
    }
    pub fn tenant_confirmed(&self) -> bool {
        self.tenant_confirmed
    }
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn rejected(&self) -> Option<&Rejected> {
        self.rejected.as_ref()
    }
    pub fn done(&self) -> Option<&Done> {
        self.done.as_ref()
    }

    /// The engine's preview, while it still answers the current entries.
    pub fn validated(&self, tenant_domain: &str) -> Option<&Validated> {
        let current = self.request(tenant_domain)?;
        self.validated.as_ref().filter(|v| v.request == current)
    }

    /// The command's question for the current entries (`None` until an action and a
    /// subscription are chosen). The confirmed tenant is the workspace's domain once the box
    /// is ticked, empty otherwise (the engine refuses an empty one).
    pub fn request(&self, tenant_domain: &str) -> Option<RedeemRequest> {
        Some(RedeemRequest {
            key: self.key.clone(),
            target: self.target.as_ref()?.redeem_target(),
            action: self.action?,
            confirm_tenant: if self.tenant_confirmed {
                tenant_domain.to_string()
            } else {
                String::new()
            },
        })
    }

    /// Any change to what the engine was asked drops its answer; past step 3, the wizard
    /// goes back to step 3 to ask again.
    fn entries_changed(&mut self) {
        self.validated = None;
        self.rejected = None;
        if self.step > Step::Key {
            self.step = Step::Key;
        }
    }

    pub fn set_action(&mut self, action: Option<Action>) {
        if self.action != action {
            self.action = action;
            self.entries_changed();
        }
    }

    pub fn set_target(&mut self, target: Option<Target>) {
        if self.target != target {
            self.target = target;
            self.entries_changed();
        }
    }

    pub fn set_tenant_confirmed(&mut self, confirmed: bool) {
        if self.tenant_confirmed != confirmed {
            self.tenant_confirmed = confirmed;
            self.entries_changed();
        }
    }

    pub fn set_key(&mut self, key: String) {
        if self.key != key {
            self.key = key;
            self.entries_changed();
        }
    }

    /// Keeps the engine's answer to step 3, if it answers the current entries.
    pub fn accept(&mut self, answer: Result<Validated, Rejected>, tenant_domain: &str) {
        let current = self.request(tenant_domain);
        match answer {
            Ok(v) if Some(&v.request) == current.as_ref() => {
                self.validated = Some(v);
                self.rejected = None;
            }
            Ok(_) => {}
            Err(r) => {
                self.validated = None;
                self.rejected = Some(r);
            }
        }
    }

    /// What the chosen target is today, if it can be found.
    fn target_state(&self, ws: &Workspace, today: NaiveDate) -> Option<Result<TargetState, ()>> {
        Some(match self.target.as_ref()? {
            Target::New => Ok(TargetState::New),
            Target::Existing(id) => ws
                .subscriptions()
                .get(id)
                .map(|s| TargetState::of(s, today))
                .ok_or(()),
        })
    }

    /// Why `step` is not complete, if it is not.
    pub fn blocker_at(
        &self,
        step: Step,
        ws: &Workspace,
        today: NaiveDate,
        tenant_domain: &str,
    ) -> Option<Blocker> {
        match step {
            Step::Choose => {
                let state = match self.target_state(ws, today) {
                    None => return Some(Blocker::ChooseSubscription),
                    Some(Err(())) => return Some(Blocker::SubscriptionGone),
                    Some(Ok(state)) => state,
                };
                let action = match self.action {
                    None => return Some(Blocker::ChooseAction),
                    Some(a) => a,
                };
                offered(action, state).err().map(Blocker::NotOffered)
            }
            Step::Tenant => (!self.tenant_confirmed).then_some(Blocker::ConfirmTenant),
            Step::Key | Step::Review => match (self.validated(tenant_domain), &self.rejected) {
                (Some(_), _) => None,
                (None, Some(_)) => Some(Blocker::KeyRefused),
                (None, None) => Some(Blocker::ValidateKey),
            },
            Step::Redeem => Some(Blocker::LastStep),
        }
    }

    /// The first incomplete step up to and including the current one.
    pub fn blocker(
        &self,
        ws: &Workspace,
        today: NaiveDate,
        tenant_domain: &str,
    ) -> Option<(Step, Blocker)> {
        Step::ALL
            .into_iter()
            .filter(|s| *s <= self.step)
            .find_map(|s| self.blocker_at(s, ws, today, tenant_domain).map(|b| (s, b)))
    }

    /// "Next": moves on when every step so far is complete; otherwise stays (or goes back to
    /// the first incomplete step) and says why.
    pub fn next(
        &mut self,
        ws: &Workspace,
        today: NaiveDate,
        tenant_domain: &str,
    ) -> Result<Step, Blocker> {
        if let Some((step, blocker)) = self.blocker(ws, today, tenant_domain) {
            self.step = step;
            return Err(blocker);
        }
        // No blocker means the step is not the last one.
        self.step = self.step.next().unwrap_or(self.step);
        Ok(self.step)
    }

    /// "Back": one step back; every entry is kept.
    pub fn back(&mut self) -> Step {
        self.step = self.step.previous().unwrap_or(self.step);
        self.step
    }

    /// Shows the review again after a new validation (choosing the other option there).
    pub fn show_review(&mut self, tenant_domain: &str) {
        if self.step >= Step::Key && self.validated(tenant_domain).is_some() {
            self.step = Step::Review;
        }
    }

    /// The key was redeemed: the wizard shows the result page.
    pub fn finish(&mut self, done: Done) {
        self.done = Some(done);
    }
}

// ------------------------------------------------------------------- asking the engine

/// Why `actor` cannot redeem keys at all, in the engine's words ("Only a Global admin can
/// redeem product keys in the tenant; you are acting as MPN partner admin. Ask …"), before
/// anything is typed (core's `may_give`: the role check alone, on a redemption whose
/// values do not matter).
pub fn role_refusal(ws: &Workspace, actor: &UserId) -> Option<DomainError> {
    let any_redemption = Command::RedeemKey(RedeemRequest {
        key: String::new(),
        target: RedeemTarget::NewSubscription,
        action: Action::ActivateNew,
        confirm_tenant: String::new(),
    });
    ws.may_give(actor, &any_redemption).err()
}

/// Step 3's "Validate": the engine's preview for the request, or its refusal with the
/// actions it would accept instead.
pub fn validate(
    ws: &Workspace,
    actor: &UserId,
    now: NaiveDateTime,
    request: &RedeemRequest,
) -> Result<Validated, Rejected> {
    match ws.preview_redemption(actor, now, request) {
        Ok(preview) => Ok(Validated {
            request: request.clone(),
            preview,
        }),
        Err(error) => {
            let alternatives = Action::ALL
                .into_iter()
                .filter(|a| *a != request.action)
                .filter(|a| {
                    let other = RedeemRequest {
                        action: *a,
                        ..request.clone()
                    };
                    ws.preview_redemption(actor, now, &other).is_ok()
                })
                .collect();
            Err(Rejected {
                error,
                alternatives,
            })
        }
    }
}

/// The options the review shows side by side: those step 1 offers for this target (extend
/// and add for an active subscription; activate otherwise), with the engine's answer.
pub fn review_options(
    preview: &RedemptionPreview,
    today: NaiveDate,
) -> Vec<&benefits_core::RedemptionOption> {
    let state = match &preview.subscription {
        None => TargetState::New,
        Some(s) => TargetState::of(s, today),
    };
    preview
        .options
        .iter()
        .filter(|o| offered(o.action, state).is_ok())
        .collect()
}

/// The key planner's timeline for the review (an active subscription: today, its end, each
/// option's new end, the 3-year limit). A new or restarted subscription has no current end
/// worth drawing.
pub fn timeline_of(preview: &RedemptionPreview, today: NaiveDate) -> Option<TimelineInput> {
    let sub = preview.subscription.as_ref()?;
    if sub.status(today) != SubscriptionStatus::Active {
        return None;
    }
    let end_of = |action: Action| {
        preview
            .options
            .iter()
            .find(|o| o.action == action)
            .and_then(|o| o.outcome.as_ref())
            .map(|o| o.end_date)
    };
    Some(TimelineInput {
        today,
        current_end: sub.end,
        extend_end: end_of(Action::ExtendEndDate),
        add_end: end_of(Action::AddLicenses),
        limit: extension_limit(sub.end),
    })
}

/// "12 months from the day it is redeemed" (R-KEY-2).
pub fn term_text() -> String {
    match i18n::lang() {
        Lang::En => format!("{KEY_TERM_MONTHS} months from the day it is redeemed"),
        Lang::Fr => format!("{KEY_TERM_MONTHS} mois à compter du jour où elle est échangée"),
    }
}

/// The result page's facts, from the event the redemption appended.
pub fn done_from_event(ws: &Workspace, event: &Event) -> Option<Done> {
    let Change::KeyRedeemed {
        key,
        product,
        key_seats,
        action,
        subscription,
        created,
        before,
        after,
        ..
    } = &event.change
    else {
        return None;
    };
    Some(Done {
        key: key.to_string(),
        product: product.clone(),
        key_seats: *key_seats,
        action: *action,
        subscription: subscription.clone(),
        created: *created,
        seats: after.seats,
        end: after.end,
        previous_seats: before.as_ref().map(|b| b.seats),
        previous_end: before.as_ref().map(|b| b.end),
        activity: ws.describe(event),
        seq: event.seq,
        at: event.at,
    })
}

/// The same redemption, step by step, in the Microsoft 365 admin center.
pub fn admin_center_steps(done: &Done, tenant: &Tenant) -> Vec<String> {
    let date = i18n::format_date(done.end);
    let seats = i18n::format_count(done.seats);
    let action = action_label(done.action);
    match i18n::lang() {
        Lang::En => vec![
            format!(
                "Sign in to the Microsoft 365 admin center (admin.microsoft.com) with a Global admin account of {} ({}).",
                tenant.name, tenant.domain
            ),
            "Go to Billing › Your products, and choose “Enter a product key” (on older admin centers: Billing › Licenses › “Enter a product key”).".to_string(),
            format!(
                "Paste the key {} (copy it below), then choose Next.",
                done.key
            ),
            format!(
                "Check that the organisation shown is {} ({}): a key redeemed into the wrong tenant cannot be moved.",
                tenant.name, tenant.domain
            ),
            if done.created {
                format!("Choose “{action}”, then Next.")
            } else {
                format!(
                    "Choose “{action}” and the subscription {} ({}), then Next.",
                    done.product, done.subscription
                )
            },
            format!(
                "Check the review shows {seats} licenses until {date}, then choose Redeem."
            ),
            format!(
                "Afterwards, Billing › Your products lists {} with {seats} licenses and the end date {date}.",
                done.product
            ),
        ],
        Lang::Fr => vec![
            format!(
                "Connectez-vous au centre d'administration Microsoft 365 (admin.microsoft.com) avec un compte d'administrateur général de {} ({}).",
                tenant.name, tenant.domain
            ),
            "Allez dans Facturation › Vos produits, puis choisissez « Entrer une clé de produit » (dans les anciens centres d'administration : Facturation › Licences › « Entrer une clé de produit »).".to_string(),
            format!(
                "Collez la clé {} (copiez-la ci-dessous), puis choisissez Suivant.",
                done.key
            ),
            format!(
                "Vérifiez que l'organisation affichée est {} ({}) : une clé échangée dans le mauvais locataire ne peut pas être déplacée.",
                tenant.name, tenant.domain
            ),
            if done.created {
                format!("Choisissez « {action} », puis Suivant.")
            } else {
                format!(
                    "Choisissez « {action} » et l'abonnement {} ({}), puis Suivant.",
                    done.product, done.subscription
                )
            },
            format!(
                "Vérifiez que le récapitulatif indique {seats} licences jusqu'au {date}, puis choisissez Échanger."
            ),
            format!(
                "Ensuite, Facturation › Vos produits affiche {} avec {seats} licences et la date de fin du {date}.",
                done.product
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::{demo, ErrorCode, WorkspaceDoc};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn today() -> NaiveDate {
        d("2026-11-20")
    }

    fn now() -> NaiveDateTime {
        today().and_hms_opt(10, 0, 0).unwrap()
    }

    fn demo_doc() -> WorkspaceDoc {
        demo::workspace(today())
    }

    fn gloria() -> UserId {
        UserId::new(demo::GLORIA)
    }

    const DOMAIN: &str = demo::TENANT_DOMAIN;

    fn sub1() -> Target {
        Target::Existing(SubscriptionId::new("sub-1"))
    }

    /// Steps 1–3 filled for the M365 subscription, the 25-license key, "extend".
    fn filled(ws: &Workspace, action: Action, key: &str) -> Wizard {
        let mut w = Wizard::new();
        w.set_target(Some(sub1()));
        w.set_action(Some(action));
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Tenant));
        w.set_tenant_confirmed(true);
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Key));
        w.set_key(key.to_string());
        let request = w.request(DOMAIN).unwrap();
        w.accept(validate(ws, &gloria(), now(), &request), DOMAIN);
        w
    }

    #[test]
    fn steps_are_numbered_one_to_five() {
        let numbers: Vec<u8> = Step::ALL.iter().map(|s| s.number()).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5]);
        assert_eq!(Step::Choose.previous(), None);
        assert_eq!(Step::Redeem.next(), None);
        assert_eq!(Step::Tenant.next(), Some(Step::Key));
        assert_eq!(Step::Key.previous(), Some(Step::Tenant));
        assert_eq!(Step::Tenant.counter(), "Step 2 of 5");
    }

    #[test]
    fn next_is_refused_until_each_step_is_complete() {
        let doc = demo_doc();
        let ws = doc.workspace();
        let mut w = Wizard::new();
        assert_eq!(
            w.next(ws, today(), DOMAIN),
            Err(Blocker::ChooseSubscription)
        );
        w.set_target(Some(sub1()));
        assert_eq!(w.next(ws, today(), DOMAIN), Err(Blocker::ChooseAction));
        w.set_action(Some(Action::ExtendEndDate));
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Tenant));
        assert_eq!(w.next(ws, today(), DOMAIN), Err(Blocker::ConfirmTenant));
        assert_eq!(w.step(), Step::Tenant);
        w.set_tenant_confirmed(true);
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Key));
        assert_eq!(w.next(ws, today(), DOMAIN), Err(Blocker::ValidateKey));
        w.set_key(demo::M365_KEY_25.to_string());
        // Typed but not validated: still refused.
        assert_eq!(w.next(ws, today(), DOMAIN), Err(Blocker::ValidateKey));
        let request = w.request(DOMAIN).unwrap();
        w.accept(validate(ws, &gloria(), now(), &request), DOMAIN);
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Review));
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Redeem));
        assert_eq!(w.next(ws, today(), DOMAIN), Err(Blocker::LastStep));
        assert_eq!(w.step(), Step::Redeem);
    }

    #[test]
    fn back_keeps_every_entry() {
        let doc = demo_doc();
        let ws = doc.workspace();
        let mut w = filled(ws, Action::ExtendEndDate, demo::M365_KEY_25);
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Review));
        let before = w.clone();
        assert_eq!(w.back(), Step::Key);
        assert_eq!(w.back(), Step::Tenant);
        assert_eq!(w.back(), Step::Choose);
        assert_eq!(w.back(), Step::Choose);
        assert_eq!(w.action(), Some(Action::ExtendEndDate));
        assert_eq!(w.target(), Some(&sub1()));
        assert!(w.tenant_confirmed());
        assert_eq!(w.key(), demo::M365_KEY_25);
        assert!(w.validated(DOMAIN).is_some(), "the validation still holds");
        // Forward again without retyping anything.
        for expected in [Step::Tenant, Step::Key, Step::Review] {
            assert_eq!(w.next(ws, today(), DOMAIN), Ok(expected));
        }
        assert_eq!(w, before);
    }

    #[test]
    fn after_a_refused_key_next_points_to_the_refusal_not_to_validate() {
        let doc = demo_doc();
        let ws = doc.workspace();
        // A key the inventory does not know: the engine refuses it.
        let mut w = filled(ws, Action::ExtendEndDate, "HJKMP-BCDFG-QRTVW-XY234-6789F");
        assert_eq!(w.next(ws, today(), DOMAIN), Err(Blocker::KeyRefused));
        let text = blocker_text(Blocker::KeyRefused, None);
        assert!(
            text.starts_with("The key was refused, for the reason shown above"),
            "{text}"
        );
        assert!(!text.contains("Enter the product key"), "{text}");
        // A new key is validated afresh.
        w.set_key(demo::M365_KEY_25.to_string());
        assert_eq!(w.next(ws, today(), DOMAIN), Err(Blocker::ValidateKey));
    }

    #[test]
    fn changing_the_subscription_or_action_after_validation_drops_the_review() {
        let doc = demo_doc();
        let ws = doc.workspace();
        let mut w = filled(ws, Action::ExtendEndDate, demo::M365_KEY_25);
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Review));
        w.set_action(Some(Action::AddLicenses));
        assert!(w.validated(DOMAIN).is_none());
        assert_eq!(w.step(), Step::Key, "back to step 3 to validate again");
        assert_eq!(w.next(ws, today(), DOMAIN), Err(Blocker::ValidateKey));

        let mut w = filled(ws, Action::ExtendEndDate, demo::M365_KEY_25);
        w.back();
        w.back();
        w.set_target(Some(Target::New));
        assert!(w.validated(DOMAIN).is_none());
        // Setting the same value again changes nothing.
        let mut same = filled(ws, Action::ExtendEndDate, demo::M365_KEY_25);
        same.set_target(Some(sub1()));
        same.set_action(Some(Action::ExtendEndDate));
        same.set_key(demo::M365_KEY_25.to_string());
        assert!(same.validated(DOMAIN).is_some());
        // Editing the key or unticking the tenant also drops it.
        same.set_key(format!("{} ", demo::M365_KEY_25));
        assert!(same.validated(DOMAIN).is_none());
        let mut untick = filled(ws, Action::ExtendEndDate, demo::M365_KEY_25);
        untick.set_tenant_confirmed(false);
        assert!(untick.validated(DOMAIN).is_none());
    }

    #[test]
    fn a_stale_answer_is_not_kept() {
        let doc = demo_doc();
        let ws = doc.workspace();
        let mut w = filled(ws, Action::ExtendEndDate, demo::M365_KEY_25);
        let answer = validate(ws, &gloria(), now(), &w.request(DOMAIN).unwrap());
        w.set_action(Some(Action::AddLicenses));
        w.accept(answer, DOMAIN);
        assert!(w.validated(DOMAIN).is_none());
    }

    #[test]
    fn only_activate_is_offered_for_a_new_or_ended_subscription() {
        let end = d("2026-10-31");
        let expired = TargetState::Existing {
            status: SubscriptionStatus::Expired,
            end,
        };
        let disabled = TargetState::Existing {
            status: SubscriptionStatus::Disabled,
            end,
        };
        let active = TargetState::Existing {
            status: SubscriptionStatus::Active,
            end: d("2027-01-20"),
        };
        for state in [TargetState::New, expired, disabled] {
            assert_eq!(offered(Action::ActivateNew, state), Ok(()));
            assert!(offered(Action::ExtendEndDate, state).is_err());
            assert!(offered(Action::AddLicenses, state).is_err());
        }
        assert_eq!(offered(Action::ExtendEndDate, active), Ok(()));
        assert_eq!(offered(Action::AddLicenses, active), Ok(()));
        assert!(offered(Action::ActivateNew, active).is_err());
        let text = not_offered_text(
            offered(Action::ExtendEndDate, expired).unwrap_err(),
            "sub-2 (Power BI Pro)",
        );
        assert!(
            text.contains("sub-2 (Power BI Pro) ended on 31 October 2026"),
            "{text}"
        );
        assert!(text.contains("Activate a new subscription"), "{text}");
    }

    #[test]
    fn the_expired_power_bi_subscription_blocks_extend_at_step_one() {
        let doc = demo_doc();
        let ws = doc.workspace();
        let mut w = Wizard::new();
        w.set_target(Some(Target::Existing(SubscriptionId::new("sub-2"))));
        w.set_action(Some(Action::ExtendEndDate));
        assert!(matches!(
            w.next(ws, today(), DOMAIN),
            Err(Blocker::NotOffered(NotOffered::Ended { .. }))
        ));
        w.set_action(Some(Action::ActivateNew));
        assert_eq!(w.next(ws, today(), DOMAIN), Ok(Step::Tenant));
    }

    #[test]
    fn the_address_prefills_the_wizard() {
        let doc = demo_doc();
        let ws = doc.workspace();
        let q = WizardQuery::parse(
            "?subscription=sub-1&action=extend_end_date&key=QK7TW-M4R8C-XYBD2-H96PJ-FG3VT&x=1",
        );
        assert_eq!(q.subscription.as_deref(), Some("sub-1"));
        assert_eq!(q.action, Some(Action::ExtendEndDate));
        assert_eq!(q.key.as_deref(), Some(demo::M365_KEY_25));
        let (w, unknown) = Wizard::from_query(&q, ws);
        assert_eq!(unknown, None);
        assert_eq!(w.step(), Step::Choose);
        assert_eq!(w.target(), Some(&sub1()));
        assert_eq!(w.action(), Some(Action::ExtendEndDate));
        assert_eq!(w.key(), demo::M365_KEY_25);
        assert!(
            !w.tenant_confirmed(),
            "the tenant is always confirmed by hand"
        );

        assert_eq!(WizardQuery::parse(""), WizardQuery::default());
        let q = WizardQuery::parse("subscription=new&action=bogus&key=&subscription=sub-1");
        assert_eq!(q.subscription.as_deref(), Some("new"));
        assert_eq!(q.action, None);
        assert_eq!(q.key, None);
        assert_eq!(Wizard::from_query(&q, ws).0.target(), Some(&Target::New));
        let q = WizardQuery::parse("subscription=sub-99&key=%20ab%2Bc+d");
        assert_eq!(q.key.as_deref(), Some("ab+c d"));
        let (w, unknown) = Wizard::from_query(&q, ws);
        assert_eq!(unknown.as_deref(), Some("sub-99"));
        assert_eq!(w.target(), None);
        let long = format!("key={}", "B".repeat(500));
        assert_eq!(WizardQuery::parse(&long).key.unwrap().len(), MAX_KEY_CHARS);
        // Nothing typed in an address can break the parser.
        for raw in ["%", "%%", "&&&", "=", "key=%E2%82", "action=%FF"] {
            let _ = WizardQuery::parse(raw);
        }
    }

    #[test]
    fn a_non_global_admin_is_refused_before_typing_in_the_engine_words() {
        let doc = demo_doc();
        let ws = doc.workspace();
        assert_eq!(role_refusal(ws, &gloria()), None);
        let e = role_refusal(ws, &UserId::new(demo::MARIO)).expect("refused");
        assert_eq!(e.code, ErrorCode::PermissionDenied);
        assert!(e.message.contains("Global admin"), "{}", e.message);
        assert!(e.message.contains("MPN partner admin"), "{}", e.message);
        let e = role_refusal(ws, &UserId::new(demo::NORA)).expect("refused");
        assert_eq!(e.code, ErrorCode::NoRole);
    }

    #[test]
    fn validation_gives_the_engine_preview_with_both_options() {
        let doc = demo_doc();
        let ws = doc.workspace();
        let w = filled(ws, Action::ExtendEndDate, demo::M365_KEY_25);
        let v = w.validated(DOMAIN).expect("valid");
        assert_eq!(v.preview.key_seats, 25);
        // 100 seats ending today + 2 months, + 25 licenses: +3 months.
        assert_eq!(v.preview.outcome.end_date, d("2027-04-20"));
        let options = review_options(&v.preview, today());
        let actions: Vec<Action> = options.iter().map(|o| o.action).collect();
        assert_eq!(actions, vec![Action::ExtendEndDate, Action::AddLicenses]);
        let add = options[1].outcome.as_ref().unwrap();
        assert_eq!(add.seats, 125);
        assert_eq!(add.warnings.len(), 1, "short term warning");
        let t = timeline_of(&v.preview, today()).unwrap();
        assert_eq!(t.current_end, d("2027-01-20"));
        assert_eq!(t.extend_end, Some(d("2027-04-20")));
        assert_eq!(t.add_end, Some(add.end_date));
        assert_eq!(t.limit, Some(d("2030-01-20")));
    }

    #[test]
    fn refusals_come_with_the_actions_that_would_work() {
        let doc = demo_doc();
        let ws = doc.workspace();
        let w = filled(ws, Action::ExtendEndDate, demo::M365_KEY_400);
        let r = w.rejected().expect("refused");
        assert_eq!(r.error.code, ErrorCode::ExtensionOver3Years);
        assert_eq!(r.alternatives, vec![Action::AddLicenses]);

        let w = filled(ws, Action::ExtendEndDate, demo::POWER_BI_KEY);
        let r = w.rejected().unwrap();
        assert_eq!(r.error.code, ErrorCode::KeyProductMismatch);
        assert!(r.alternatives.is_empty());

        let w = filled(ws, Action::ExtendEndDate, "QK7TW-M4R8C-XYBD2-H96PJ-FG3VO");
        let r = w.rejected().unwrap();
        assert_eq!(r.error.code, ErrorCode::KeyMalformed);
        assert!(
            r.error.message.contains("Character 25"),
            "{}",
            r.error.message
        );
    }

    #[test]
    fn the_result_page_reads_the_event_and_a_second_try_is_refused() {
        let mut doc = demo_doc();
        let ws = doc.workspace().clone();
        let w = filled(&ws, Action::ExtendEndDate, demo::M365_KEY_25);
        let request = w.request(DOMAIN).unwrap();
        doc.apply(&gloria(), now(), &Command::RedeemKey(request.clone()))
            .expect("redeemed");
        let event = doc.events().last().unwrap();
        let done = done_from_event(doc.workspace(), event).expect("a redemption");
        assert_eq!(done.seats, 100);
        assert_eq!(done.end, d("2027-04-20"));
        assert_eq!(done.previous_end, Some(d("2027-01-20")));
        assert_eq!(done.key, demo::M365_KEY_25);
        assert!(done.activity.starts_with("Gloria"), "{}", done.activity);
        let tenant = doc.workspace().organisation().unwrap().tenant.clone();
        let steps = admin_center_steps(&done, &tenant);
        assert!(steps.iter().any(|s| s.contains("Enter a product key")));
        assert!(steps.iter().any(|s| s.contains(demo::M365_KEY_25)));
        assert!(steps.iter().any(|s| s.contains("20 April 2027")));

        let again = validate(doc.workspace(), &gloria(), now(), &request).unwrap_err();
        assert_eq!(again.error.code, ErrorCode::KeyAlreadyRedeemed);
        assert!(again.alternatives.is_empty());
    }

    #[test]
    fn subscriptions_are_listed_with_their_status() {
        let doc = demo_doc();
        let rows = subscription_rows(doc.workspace(), today());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].status, SubscriptionStatus::Active);
        assert_eq!(rows[0].seats, 100);
        assert_eq!(rows[1].status, SubscriptionStatus::Expired);
    }

    #[test]
    fn every_text_exists_in_french_too() {
        i18n::set_lang(Lang::Fr);
        assert_eq!(Step::Tenant.counter(), "Étape 2 sur 5");
        assert_eq!(
            action_label(Action::ExtendEndDate),
            "Prolonger la date de fin"
        );
        for b in [
            Blocker::ChooseSubscription,
            Blocker::ChooseAction,
            Blocker::ConfirmTenant,
            Blocker::ValidateKey,
            Blocker::KeyRefused,
            Blocker::LastStep,
        ] {
            let fr = blocker_text(b, None);
            i18n::set_lang(Lang::En);
            assert_ne!(fr, blocker_text(b, None));
            i18n::set_lang(Lang::Fr);
        }
        assert!(term_text().starts_with("12 mois"));
        i18n::set_lang(Lang::En);
    }
}
