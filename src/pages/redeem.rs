//! The key-redemption wizard (`/redeem`, R-KEY-4): five steps — choose, confirm the tenant,
//! validate the key, review, redeem — then a result page. Nothing changes before step 5's
//! confirmed "Redeem". The entries and the engine's answers live in a [`Wizard`]
//! (`src/wizard.rs`, tested natively); this file only draws it and wires the clicks.
//!
//! `/redeem?subscription=sub-1&action=extend_end_date&key=…` opens it with entries filled in.

use crate::browser;
use crate::components::common::{ConfirmButton, CopyButton, TableScroll};
use crate::i18n::{self, pick, Lang};
use crate::pages::plan::{OutcomeFigures, PlanTimeline};
use crate::router::use_location;
use crate::router::Link;
use crate::store::Store;
use crate::wizard::{
    self, action_label, action_summary, Blocker, Done, Rejected, Step, Target, TargetState,
    Validated, Wizard, WizardQuery,
};
use benefits_core::model::Tenant;
use benefits_core::{Action, Command, DomainError, RedemptionOption};
use leptos::prelude::*;
use std::cell::RefCell;

/// The wizard as it was when the page was last drawn. Switching the language draws every
/// page again from scratch; this lets the wizard come back with its entries instead of
/// starting over.
struct Carried {
    lang: Lang,
    search: String,
    wizard: Wizard,
}

thread_local! {
    static CARRY: RefCell<Option<Carried>> = const { RefCell::new(None) };
}

/// The wizard for this address: the one carried over a language switch, or a new one filled
/// from the address.
fn start(search: &str, store: Store, after_language_switch: bool) -> (Wizard, Option<String>) {
    if after_language_switch {
        let carried = CARRY.with(|c| c.borrow_mut().take());
        if let Some(c) = carried {
            if c.lang != i18n::lang() && c.search == search {
                return (c.wizard, None);
            }
        }
    }
    let query = WizardQuery::parse(search);
    store
        .doc
        .with_untracked(|d| Wizard::from_query(&query, d.workspace()))
}

/// What every step needs to read.
#[derive(Clone, Copy)]
struct Ctx {
    store: Store,
    wizard: RwSignal<Wizard>,
    /// The tenant's name and domain (`None` in an empty workspace).
    tenant: Memo<Option<Tenant>>,
}

impl Ctx {
    fn domain(&self) -> String {
        self.tenant
            .with_untracked(|t| t.as_ref().map(|t| t.domain.clone()))
            .unwrap_or_default()
    }

    fn domain_tracked(&self) -> String {
        self.tenant
            .with(|t| t.as_ref().map(|t| t.domain.clone()))
            .unwrap_or_default()
    }

    /// Asks the engine about the current entries (step 3's "Validate") and keeps its answer.
    fn validate(&self) {
        let domain = self.domain();
        let Some(request) = self.wizard.with_untracked(|w| w.request(&domain)) else {
            return;
        };
        let actor = self.store.actor.get_untracked();
        let answer = self.store.doc.with_untracked(|d| {
            wizard::validate(d.workspace(), &actor, browser::now_utc(), &request)
        });
        self.wizard.update(|w| w.accept(answer, &domain));
    }

    /// The engine's answer to step 3, while it still answers the entries.
    fn validated(&self) -> Memo<Option<Validated>> {
        let ctx = *self;
        Memo::new(move |_| {
            let domain = ctx.domain_tracked();
            ctx.wizard.with(|w| w.validated(&domain).cloned())
        })
    }
}

fn today() -> chrono::NaiveDate {
    // The engine's day: the UTC date of the moment a command is applied.
    browser::now_utc().date()
}

#[component]
pub fn RedeemPage() -> impl IntoView {
    // The menu's name for the page.
    let title = crate::nav::Area::Redeem.name();
    browser::set_title(&i18n::page_title(title));
    let store = Store::get();
    let search = use_location().search;
    let (first, unknown) = start(&search.get_untracked(), store, true);
    let wizard = RwSignal::new(first);
    let unknown_subscription = RwSignal::new(unknown);
    let tenant = Memo::new(move |_| {
        store
            .doc
            .with(|d| d.workspace().organisation().map(|o| o.tenant.clone()))
    });
    let ctx = Ctx {
        store,
        wizard,
        tenant,
    };

    // Remember the wizard for a language switch.
    Effect::new(move |_| {
        let current = wizard.get();
        let search = search.get_untracked();
        CARRY.with(|c| {
            *c.borrow_mut() = Some(Carried {
                lang: i18n::lang(),
                search,
                wizard: current,
            })
        });
    });
    // Another link into the wizard (the menu, "View details") starts it again.
    Effect::new(move |previous: Option<String>| {
        let now = search.get();
        if previous.is_some_and(|p| p != now) {
            let (fresh, unknown) = start(&now, store, false);
            wizard.set(fresh);
            unknown_subscription.set(unknown);
        }
        now
    });

    // Redeeming needs a Global admin: say so before anything is typed, in the engine's words.
    let role_refusal = Memo::new(move |_| {
        let actor = store.actor.get();
        store
            .doc
            .with(|d| wizard::role_refusal(d.workspace(), &actor))
    });
    let done = Memo::new(move |_| wizard.with(|w| w.done().is_some()));

    view! {
        <section class="page redeem" aria-labelledby="page-title">
            <h1 id="page-title">{title}</h1>
            <p class="lead">
                {pick(
                    "Redeem a product key into your tenant: activate a new subscription, extend the end date of one, or add licenses to it. Nothing is redeemed until you confirm the last step.",
                    "Échangez une clé de produit dans votre locataire : activez un nouvel abonnement, prolongez la date de fin d'un abonnement ou ajoutez-lui des licences. Rien n'est échangé avant la confirmation de la dernière étape.",
                )}
            </p>
            {move || match role_refusal.get() {
                Some(error) => view! { <RoleRefused error=error /> }.into_any(),
                None if done.get() => view! { <ResultView ctx=ctx /> }.into_any(),
                None => {
                    view! { <Steps ctx=ctx unknown_subscription=unknown_subscription /> }.into_any()
                }
            }}
        </section>
    }
}

/// A user who may not redeem keys: the engine's refusal, and where they can still go.
#[component]
fn RoleRefused(error: DomainError) -> impl IntoView {
    view! {
        <p class="refusal" role="alert" data-code=error.code.as_str() data-field="role-refusal">
            {i18n::refusal(&error)}
        </p>
        <p>
            {pick(
                "You can still see what a key would do in the key planner: nothing is redeemed there.",
                "Vous pouvez toujours voir ce que ferait une clé dans le planificateur de clés : rien n'y est échangé.",
            )}
            " "
            <Link href="/plan">{pick("Open the key planner", "Ouvrir le planificateur de clés")}</Link>
        </p>
    }
}

/// The five steps: the indicator, the current step, "Back" and "Next".
#[component]
fn Steps(ctx: Ctx, unknown_subscription: RwSignal<Option<String>>) -> impl IntoView {
    let wizard = ctx.wizard;
    let step = Memo::new(move |_| wizard.with(|w| w.step()));
    let heading = NodeRef::<leptos::html::H2>::new();
    // A new step takes the focus to its heading, so keyboard and screen-reader users start
    // reading it from the top.
    Effect::new(move |previous: Option<Step>| {
        let now = step.get();
        if previous.is_some_and(|p| p != now) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        now
    });

    view! {
        <StepIndicator step=step />
        <div class="wizard-panel">
            <h2 id="step-heading" class="step-heading" tabindex="-1" node_ref=heading>
                <span class="step-counter" data-field="step">
                    {move || step.get().counter()}
                </span>
                <span class="step-title">{move || step.get().title()}</span>
            </h2>
            {move || {
                unknown_subscription
                    .get()
                    .map(|id| {
                        view! {
                            <p class="notice" data-field="unknown-subscription">
                                {match i18n::lang() {
                                    Lang::En => {
                                        format!(
                                            "The link asked for subscription “{id}”, which is not in this workspace: choose one below.",
                                        )
                                    }
                                    Lang::Fr => {
                                        format!(
                                            "Le lien demandait l'abonnement « {id} », qui n'est pas dans cet espace de travail : choisissez-en un ci-dessous.",
                                        )
                                    }
                                }}
                            </p>
                        }
                    })
            }}
            {move || match step.get() {
                Step::Choose => view! { <ChooseStep ctx=ctx /> }.into_any(),
                Step::Tenant => view! { <TenantStep ctx=ctx /> }.into_any(),
                Step::Key => view! { <KeyStep ctx=ctx /> }.into_any(),
                Step::Review => view! { <ReviewStep ctx=ctx /> }.into_any(),
                Step::Redeem => view! { <RedeemStep ctx=ctx /> }.into_any(),
            }}
            <WizardNav ctx=ctx step=step />
        </div>
    }
}

/// "Step 2 of 5" as a list of the five steps, the current one marked.
#[component]
fn StepIndicator(step: Memo<Step>) -> impl IntoView {
    view! {
        <ol class="wizard-steps" aria-label=pick("Steps", "Étapes")>
            {Step::ALL
                .into_iter()
                .map(|s| {
                    view! {
                        <li
                            class="wizard-step"
                            class:current=move || step.get() == s
                            class:complete={move || step.get() > s}
                            aria-current=move || (step.get() == s).then_some("step")
                        >
                            <span class="step-number" aria-hidden="true">
                                {s.number()}
                            </span>
                            <span class="step-name">{s.title()}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// "Back" and "Next". "Next" stays reachable when the step is incomplete and says why.
#[component]
fn WizardNav(ctx: Ctx, step: Memo<Step>) -> impl IntoView {
    let wizard = ctx.wizard;
    let store = ctx.store;
    let blocker = Memo::new(move |_| {
        let domain = ctx.domain_tracked();
        store
            .doc
            .with(|d| wizard.with(|w| w.blocker_at(w.step(), d.workspace(), today(), &domain)))
    });
    // The reason is shown once "Next" was pressed, and follows the entries from then on.
    let asked = RwSignal::new(false);
    Effect::new(move |_| {
        step.track();
        asked.set(false);
    });
    let subscription_name = move || {
        wizard.with(|w| match w.target() {
            Some(Target::Existing(id)) => store.doc.with(|d| {
                d.workspace()
                    .subscriptions()
                    .get(id)
                    .map(wizard::subscription_name)
            }),
            _ => None,
        })
    };
    let on_next = move |_| {
        let domain = ctx.domain();
        let moved = store
            .doc
            .with_untracked(|d| wizard.try_update(|w| w.next(d.workspace(), today(), &domain)));
        asked.set(matches!(moved, Some(Err(_))));
    };
    let on_back = move |_| {
        wizard.update(|w| {
            w.back();
        });
    };
    view! {
        <div class="button-row wizard-nav">
            <button
                type="button"
                class="button-secondary"
                disabled=move || step.get() == Step::Choose
                on:click=on_back
            >
                {pick("Back", "Précédent")}
            </button>
            {move || {
                (step.get() != Step::Redeem)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button-primary"
                                aria-disabled=move || blocker.with(Option::is_some).then_some("true")
                                aria-describedby="next-blocked"
                                on:click=on_next
                            >
                                {pick("Next", "Suivant")}
                            </button>
                        }
                    })
            }}
        </div>
        <p id="next-blocked" class="wizard-blocked" aria-live="polite">
            {move || {
                if !asked.get() {
                    return None;
                }
                blocker
                    .get()
                    .filter(|b| *b != Blocker::LastStep)
                    .map(|b| wizard::blocker_text(b, subscription_name().as_deref()))
            }}
        </p>
    }
}

// ------------------------------------------------------------------------ step 1: choose

#[component]
fn ChooseStep(ctx: Ctx) -> impl IntoView {
    let wizard = ctx.wizard;
    let store = ctx.store;
    let rows = Memo::new(move |_| {
        store
            .doc
            .with(|d| wizard::subscription_rows(d.workspace(), today()))
    });
    let selected = Memo::new(move |_| {
        wizard.with(|w| w.target().map(Target::select_value).unwrap_or_default())
    });
    // What the chosen target allows, and why the others are greyed out.
    let state = Memo::new(move |_| {
        wizard.with(|w| match w.target() {
            None => None,
            Some(Target::New) => Some((TargetState::New, String::new())),
            Some(Target::Existing(id)) => store.doc.with(|d| {
                d.workspace()
                    .subscriptions()
                    .get(id)
                    .map(|s| (TargetState::of(s, today()), wizard::subscription_name(s)))
            }),
        })
    });
    let why_not = Memo::new(move |_| {
        state.get().and_then(|(state, name)| {
            Action::ALL
                .into_iter()
                .find_map(|a| wizard::offered(a, state).err())
                .map(|why| wizard::not_offered_text(why, &name))
        })
    });
    let choice = Memo::new(move |_| wizard.with(|w| w.action()));

    let option_text = |r: &wizard::SubscriptionRow| match i18n::lang() {
        Lang::En => format!(
            "{} · {} · {} · ends {} · {}",
            r.id,
            r.product,
            i18n::licenses(r.seats),
            i18n::format_date(r.end),
            wizard::status_label(r.status)
        ),
        Lang::Fr => format!(
            "{} · {} · {} · fin le {} · {}",
            r.id,
            r.product,
            i18n::licenses(r.seats),
            i18n::format_date(r.end),
            wizard::status_label(r.status)
        ),
    };

    view! {
        <TableScroll label=pick("Subscriptions in your tenant", "Abonnements de votre locataire")>
            <table class="data-table redeem-subscriptions">
                <caption>{pick("Subscriptions in your tenant", "Abonnements de votre locataire")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{pick("Subscription", "Abonnement")}</th>
                        <th scope="col">{pick("Product", "Produit")}</th>
                        <th scope="col" class="num">{pick("Licenses", "Licences")}</th>
                        <th scope="col">{pick("End date", "Date de fin")}</th>
                        <th scope="col">{pick("Status", "État")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|r| {
                                let badge = match r.status {
                                    benefits_core::model::SubscriptionStatus::Active => "badge badge-ok",
                                    benefits_core::model::SubscriptionStatus::Expired => "badge badge-off",
                                    benefits_core::model::SubscriptionStatus::Disabled => "badge badge-danger",
                                };
                                view! {
                                    <tr data-subscription=r.id.to_string()>
                                        <td>{r.id.to_string()}</td>
                                        <td>{r.product.clone()}</td>
                                        <td class="num">{i18n::format_count(r.seats)}</td>
                                        <td>
                                            <time datetime=r.end.to_string()>{i18n::format_date(r.end)}</time>
                                        </td>
                                        <td>
                                            <span class=badge>{wizard::status_label(r.status)}</span>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </TableScroll>
        <div class="form-row">
            <label for="redeem-subscription">{pick("Subscription", "Abonnement")}</label>
            <select
                id="redeem-subscription"
                aria-describedby="redeem-subscription-hint"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    wizard.update(|w| w.set_target(Target::from_value(&value)));
                }
            >
                <option value="" selected=move || selected.with(String::is_empty)>
                    {pick("Choose a subscription", "Choisissez un abonnement")}
                </option>
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|r| {
                            let value = r.id.to_string();
                            let text = option_text(&r);
                            let mine = value.clone();
                            view! {
                                <option value=value selected=move || selected.with(|s| *s == mine)>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
                <option
                    value=wizard::NEW_SUBSCRIPTION
                    selected=move || selected.with(|s| s == wizard::NEW_SUBSCRIPTION)
                >
                    {pick("A new subscription", "Un nouvel abonnement")}
                </option>
            </select>
            <p class="hint" id="redeem-subscription-hint">
                {pick(
                    "The subscription the key goes into, or “A new subscription” to start one.",
                    "L'abonnement qui reçoit la clé, ou « Un nouvel abonnement » pour en démarrer un.",
                )}
            </p>
        </div>
        <fieldset class="wizard-actions">
            <legend>{pick("What should the key do?", "Que doit faire la clé ?")}</legend>
            <p class="notice" id="redeem-action-why" data-field="why-not-offered" hidden=move || why_not.with(Option::is_none)>
                {move || why_not.get()}
            </p>
            {[Action::ActivateNew, Action::ExtendEndDate, Action::AddLicenses]
                .into_iter()
                .map(|action| {
                    let id = format!("redeem-action-{}", action.code());
                    let hint_id = format!("{id}-hint");
                    let described = format!("{hint_id} redeem-action-why");
                    let not_offered = move || {
                        state.with(|s| {
                            s.as_ref().is_some_and(|(s, _)| wizard::offered(action, *s).is_err())
                        })
                    };
                    view! {
                        <div class="radio-row" class:radio-off=not_offered>
                            <input
                                type="radio"
                                name="redeem-action"
                                id=id.clone()
                                value=action.code()
                                aria-describedby=described
                                prop:checked=move || choice.get() == Some(action)
                                disabled=not_offered
                                on:change=move |_| wizard.update(|w| w.set_action(Some(action)))
                            />
                            <label for=id>{action_label(action)}</label>
                            <p class="hint" id=hint_id>{action_summary(action)}</p>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

// ------------------------------------------------------------------------ step 2: tenant

#[component]
fn TenantStep(ctx: Ctx) -> impl IntoView {
    let wizard = ctx.wizard;
    let confirmed = Memo::new(move |_| wizard.with(|w| w.tenant_confirmed()));
    move || {
        let tenant = ctx.tenant.get()?;
        Some(view! {
            <div class="card tenant-card">
                <dl class="facts">
                    <div class="fact">
                        <dt>{pick("Tenant", "Locataire")}</dt>
                        <dd data-field="tenant-name">{tenant.name.clone()}</dd>
                    </div>
                    <div class="fact">
                        <dt>{pick("Domain", "Domaine")}</dt>
                        <dd data-field="tenant-domain">{tenant.domain.clone()}</dd>
                    </div>
                </dl>
                <p>
                    {pick(
                        "A key redeemed into the wrong tenant cannot be moved. Check that this is the tenant you administer, and that you will be signed in to it in the Microsoft 365 admin center.",
                        "Une clé échangée dans le mauvais locataire ne peut pas être déplacée. Vérifiez que c'est bien le locataire que vous administrez, et celui auquel vous serez connecté dans le centre d'administration Microsoft 365.",
                    )}
                </p>
                <div class="check-row">
                    <input
                        type="checkbox"
                        id="redeem-tenant-ok"
                        prop:checked=move || confirmed.get()
                        on:change=move |ev| {
                            let ticked = event_target_checked(&ev);
                            wizard.update(|w| w.set_tenant_confirmed(ticked));
                        }
                    />
                    <label for="redeem-tenant-ok">
                        {pick("This is the right tenant", "C'est le bon locataire")}
                    </label>
                </div>
            </div>
        })
    }
}

// ------------------------------------------------------------------------ step 3: the key

#[component]
fn KeyStep(ctx: Ctx) -> impl IntoView {
    let wizard = ctx.wizard;
    let validated = ctx.validated();
    let rejected = Memo::new(move |_| wizard.with(|w| w.rejected().cloned()));
    let key = Memo::new(move |_| wizard.with(|w| w.key().to_string()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ctx.validate();
    };
    view! {
        <form class="key-form" on:submit=on_submit novalidate>
            <div class="form-row">
                <label for="redeem-key">{pick("Product key", "Clé de produit")}</label>
                <div class="key-entry">
                    <input
                        id="redeem-key"
                        class="key-text"
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby="redeem-key-hint redeem-key-result"
                        aria-invalid=move || rejected.with(Option::is_some).then_some("true")
                        prop:value=move || key.get()
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            wizard.update(|w| w.set_key(text));
                        }
                    />
                    <button type="submit" class="button-secondary">
                        {pick("Validate", "Valider")}
                    </button>
                </div>
                <p class="hint" id="redeem-key-hint">
                    {pick(
                        "25 characters in five groups of five, for example XXXXX-XXXXX-XXXXX-XXXXX-XXXXX. Spaces and lower case are fine.",
                        "25 caractères en cinq groupes de cinq, par exemple XXXXX-XXXXX-XXXXX-XXXXX-XXXXX. Les espaces et les minuscules sont acceptés.",
                    )}
                </p>
            </div>
        </form>
        <div id="redeem-key-result" class="key-result" aria-live="polite">
            {move || validated.get().map(|v| view! { <KeyAccepted validated=v /> })}
            {move || rejected.get().map(|r| view! { <KeyRefused ctx=ctx rejected=r /> })}
        </div>
    }
}

#[component]
fn KeyAccepted(validated: Validated) -> impl IntoView {
    let p = &validated.preview;
    let text = match i18n::lang() {
        Lang::En => format!(
            "Valid key: {} of {}, not yet redeemed. Choose Next to review what it will do.",
            i18n::licenses(p.key_seats),
            p.product
        ),
        Lang::Fr => format!(
            "Clé valide : {} de {}, pas encore échangée. Choisissez Suivant pour vérifier ce qu'elle fera.",
            i18n::licenses(p.key_seats),
            p.product
        ),
    };
    view! {
        <p class="success" data-field="key-valid">
            {text}
        </p>
    }
}

/// The engine's refusal, and the actions it would accept instead with this key.
#[component]
fn KeyRefused(ctx: Ctx, rejected: Rejected) -> impl IntoView {
    let wizard = ctx.wizard;
    let alternatives = rejected.alternatives.clone();
    view! {
        <p class="refusal" role="alert" data-code=rejected.error.code.as_str() data-field="key-refusal">
            {i18n::refusal(&rejected.error)}
        </p>
        {(!alternatives.is_empty())
            .then(|| {
                view! {
                    <div class="alternatives" data-field="alternatives">
                        <p>
                            {pick(
                                "With this key and subscription, this is possible instead:",
                                "Avec cette clé et cet abonnement, ceci est possible à la place :",
                            )}
                        </p>
                        <div class="button-row">
                            {alternatives
                                .into_iter()
                                .map(|action| {
                                    let text = match i18n::lang() {
                                        Lang::En => format!("Choose “{}” instead", action_label(action)),
                                        Lang::Fr => format!("Choisir « {} » à la place", action_label(action)),
                                    };
                                    view! {
                                        <button
                                            type="button"
                                            class="button-secondary"
                                            data-action=action.code()
                                            on:click=move |_| {
                                                wizard.update(|w| w.set_action(Some(action)));
                                                ctx.validate();
                                            }
                                        >
                                            {text}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </div>
                }
            })}
    }
}

// ------------------------------------------------------------------------ step 4: review

#[component]
fn ReviewStep(ctx: Ctx) -> impl IntoView {
    let validated = ctx.validated();
    move || {
        let v = validated.get()?;
        let today = today();
        let p = v.preview.clone();
        let chosen = p.action;
        let timeline = wizard::timeline_of(&p, today);
        let mut options: Vec<RedemptionOption> = wizard::review_options(&p, today)
            .into_iter()
            .cloned()
            .collect();
        // The short-term warning in the partner's language (it names what extend gives).
        let extend = p
            .options
            .iter()
            .find(|o| o.action == Action::ExtendEndDate)
            .and_then(|o| o.outcome.clone());
        for o in options
            .iter_mut()
            .filter(|o| o.action == Action::AddLicenses)
        {
            if let Some(add) = o.outcome.as_mut() {
                i18n::localise_warnings(add, extend.as_ref());
            }
        }
        let subscription = match &p.subscription {
            Some(s) => match i18n::lang() {
                Lang::En => format!(
                    "{} — {}, ends {}",
                    wizard::subscription_name(s),
                    i18n::licenses(s.seats),
                    i18n::format_date(s.end)
                ),
                Lang::Fr => format!(
                    "{} — {}, fin le {}",
                    wizard::subscription_name(s),
                    i18n::licenses(s.seats),
                    i18n::format_date(s.end)
                ),
            },
            None => pick("A new subscription", "Un nouvel abonnement").to_string(),
        };
        let side_by_side = options.len() > 1;
        Some(view! {
            <dl class="facts review-facts">
                <Fact label=pick("Product", "Produit") field="product" value=p.product.clone() />
                <Fact
                    label=pick("Licenses on the key", "Licences de la clé")
                    field="key-seats"
                    value=i18n::format_count(p.key_seats)
                />
                <Fact label=pick("Term", "Durée") field="term" value=wizard::term_text() />
                <Fact
                    label=pick("Tenant", "Locataire")
                    field="tenant"
                    value=format!("{} ({})", p.tenant.name, p.tenant.domain)
                />
                <Fact label=pick("Subscription", "Abonnement") field="subscription" value=subscription />
                <div class="fact">
                    <dt>{pick("Key", "Clé")}</dt>
                    <dd class="key-text" data-field="key">{p.key.clone()}</dd>
                </div>
            </dl>
            <h3 class="review-heading">
                {if side_by_side {
                    pick("What the key will do: both options", "Ce que fera la clé : les deux options")
                } else {
                    pick("What the key will do", "Ce que fera la clé")
                }}
            </h3>
            <div class="outcome-grid">
                {options
                    .into_iter()
                    .map(|o| {
                        view! { <OptionCard ctx=ctx option=o chosen=chosen side_by_side=side_by_side /> }
                    })
                    .collect_view()}
            </div>
            {timeline
                .map(|input| {
                    view! {
                        <section class="timeline-section" aria-labelledby="redeem-timeline-heading">
                            <h3 id="redeem-timeline-heading">{pick("Timeline", "Chronologie")}</h3>
                            <PlanTimeline input=Signal::stored(Some(input)) />
                        </section>
                    }
                })}
        })
    }
}

#[component]
fn Fact(label: &'static str, field: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd data-field=field>{value}</dd>
        </div>
    }
}

/// One option of the review: the engine's result or its refusal; the chosen one is marked,
/// the other can be chosen instead.
#[component]
fn OptionCard(
    ctx: Ctx,
    option: RedemptionOption,
    chosen: Action,
    side_by_side: bool,
) -> impl IntoView {
    let action = option.action;
    let is_chosen = action == chosen;
    let heading_id = format!("option-{}", action.code());
    let labelled_by = heading_id.clone();
    let wizard = ctx.wizard;
    let possible = option.outcome.is_some();
    let body = match (option.outcome, option.refusal) {
        (Some(outcome), _) => view! { <OutcomeFigures outcome=outcome /> }.into_any(),
        (None, Some(error)) => view! {
            <p class="note note-refusal" data-field="refusal" data-code=error.code.as_str()>
                <strong>{pick("Not possible.", "Impossible.")}</strong>
                " "
                {i18n::refusal(&error)}
            </p>
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    let choose = move |_| {
        let domain = ctx.domain();
        wizard.update(|w| w.set_action(Some(action)));
        ctx.validate();
        wizard.update(|w| w.show_review(&domain));
    };
    view! {
        <article
            class="outcome redeem-option"
            class:chosen=is_chosen
            data-outcome=action.code()
            data-chosen=is_chosen.to_string()
            aria-labelledby=labelled_by
        >
            <h4 id=heading_id>{action_label(action)}</h4>
            {(is_chosen && side_by_side)
                .then(|| view! { <p class="badge badge-ok chosen-badge">{pick("Your choice", "Votre choix")}</p> })}
            <p class="outcome-summary">{action_summary(action)}</p>
            {body}
            {(!is_chosen && possible)
                .then(|| {
                    view! {
                        <button type="button" class="button-secondary" on:click=choose>
                            {match i18n::lang() {
                                Lang::En => format!("Choose “{}” instead", action_label(action)),
                                Lang::Fr => format!("Choisir « {} » à la place", action_label(action)),
                            }}
                        </button>
                    }
                })}
        </article>
    }
}

// ------------------------------------------------------------------------ step 5: redeem

#[component]
fn RedeemStep(ctx: Ctx) -> impl IntoView {
    let validated = ctx.validated();
    let wizard = ctx.wizard;
    let store = ctx.store;
    let refusal = RwSignal::new(None::<DomainError>);
    let redeem = move || {
        let domain = ctx.domain();
        let Some(request) =
            wizard.with_untracked(|w| w.validated(&domain).map(|v| v.request.clone()))
        else {
            return;
        };
        match store.dispatch(Command::RedeemKey(request)) {
            Ok(()) => {
                refusal.set(None);
                let done = store.doc.with_untracked(|d| {
                    d.events()
                        .last()
                        .and_then(|e| wizard::done_from_event(d.workspace(), e))
                });
                if let Some(done) = done {
                    wizard.update(|w| w.finish(done));
                }
            }
            Err(e) => refusal.set(Some(e)),
        }
    };
    view! {
        {move || {
            validated
                .get()
                .map(|v| {
                    let p = &v.preview;
                    let o = &p.outcome;
                    let into = match &p.subscription {
                        Some(s) => wizard::subscription_name(s),
                        None => pick("a new subscription", "un nouvel abonnement").to_string(),
                    };
                    let text = match i18n::lang() {
                        Lang::En => format!(
                            "You are about to redeem the key {} ({} of {}) into {} to “{}”: {} until {}.",
                            p.key,
                            i18n::licenses(p.key_seats),
                            p.product,
                            into,
                            action_label(p.action),
                            i18n::licenses(o.seats),
                            i18n::format_date(o.end_date)
                        ),
                        Lang::Fr => format!(
                            "Vous allez échanger la clé {} ({} de {}) dans {} pour « {} » : {} jusqu'au {}.",
                            p.key,
                            i18n::licenses(p.key_seats),
                            p.product,
                            into,
                            action_label(p.action),
                            i18n::licenses(o.seats),
                            i18n::format_date(o.end_date)
                        ),
                    };
                    view! {
                        <p class="redeem-summary" data-field="summary">{text}</p>
                        <p class="muted">
                            {pick(
                                "This is the one step that changes the workspace: the key is marked redeemed, the subscription changes, and the activity log records it.",
                                "C'est la seule étape qui modifie l'espace de travail : la clé est marquée échangée, l'abonnement change et le journal d'activité l'enregistre.",
                            )}
                        </p>
                    }
                })
        }}
        <div class="redeem-action">
            <ConfirmButton
                label=pick("Redeem", "Échanger la clé")
                question=pick(
                    "Redeem this key? This cannot be undone: a key redeemed into a tenant cannot be moved or redeemed again.",
                    "Échanger cette clé ? C'est définitif : une clé échangée dans un locataire ne peut être ni déplacée ni échangée de nouveau.",
                )
                on_confirm=redeem
            />
        </div>
        {move || {
            refusal
                .get()
                .map(|e| {
                    view! {
                        <p class="refusal" role="alert" data-code=e.code.as_str() data-field="redeem-refusal">
                            {i18n::refusal(&e)}
                        </p>
                    }
                })
        }}
    }
}

// ------------------------------------------------------------------------ the result

#[component]
fn ResultView(ctx: Ctx) -> impl IntoView {
    let wizard = ctx.wizard;
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let reset = move |_| wizard.set(Wizard::new());
    move || {
        let done: Done = wizard.with(|w| w.done().cloned())?;
        let tenant = ctx.tenant.get()?;
        let steps = wizard::admin_center_steps(&done, &tenant);
        let was_seats = done
            .previous_seats
            .filter(|s| *s != done.seats)
            .map(|s| view! { " " <span class="was">{i18n::was(&i18n::format_count(s))}</span> });
        let was_end = done
            .previous_end
            .filter(|e| *e != done.end)
            .map(|e| view! { " " <span class="was">{i18n::was(&i18n::format_date(e))}</span> });
        let subscription = if done.created {
            match i18n::lang() {
                Lang::En => format!("{} ({}), new", done.subscription, done.product),
                Lang::Fr => format!("{} ({}), nouveau", done.subscription, done.product),
            }
        } else {
            format!("{} ({})", done.subscription, done.product)
        };
        let banner = match i18n::lang() {
            Lang::En => format!(
                "Key redeemed: {} now has {} until {}.",
                done.subscription,
                i18n::licenses(done.seats),
                i18n::format_date(done.end)
            ),
            Lang::Fr => format!(
                "Clé échangée : {} compte désormais {} jusqu'au {}.",
                done.subscription,
                i18n::licenses(done.seats),
                i18n::format_date(done.end)
            ),
        };
        let key = done.key.clone();
        // The activity log's own line for the event, in the partner's language.
        let activity = ctx.store.doc.with(|d| {
            d.events()
                .iter()
                .rev()
                .find(|e| e.seq == done.seq)
                .map(|e| crate::views::activity_log::describe(d.workspace(), e))
                .unwrap_or_else(|| done.activity.clone())
        });
        Some(view! {
            <div class="wizard-panel result-panel">
            <h2 class="step-heading" tabindex="-1" node_ref=heading>
                {pick("Key redeemed", "Clé échangée")}
            </h2>
            <p class="success" role="status" data-field="redeemed">{banner}</p>
            <dl class="facts result-facts">
                <Fact label=pick("Subscription", "Abonnement") field="subscription" value=subscription />
                <div class="fact">
                    <dt>{pick("Licenses", "Licences")}</dt>
                    <dd data-field="seats">{i18n::format_count(done.seats)} {was_seats}</dd>
                </div>
                <div class="fact">
                    <dt>{pick("End date", "Date de fin")}</dt>
                    <dd>
                        <time data-field="new-end-date" datetime=done.end.to_string()>
                            {i18n::format_date(done.end)}
                        </time>
                        {was_end}
                    </dd>
                </div>
                <Fact label=pick("What was done", "Action") field="action" value=action_label(done.action).to_string() />
            </dl>
            <section class="section" aria-labelledby="redeem-activity-heading">
                <h3 id="redeem-activity-heading">{pick("Activity log", "Journal d'activité")}</h3>
                <p class="activity-line" data-field="activity">{activity}</p>
            </section>
            <section class="section" aria-labelledby="redeem-admin-heading">
                <h3 id="redeem-admin-heading">
                    {pick(
                        "Do the same in the Microsoft 365 admin center",
                        "Faire de même dans le centre d'administration Microsoft 365",
                    )}
                </h3>
                <p>
                    {pick(
                        "This workspace records the redemption; the key takes effect once it is redeemed in the admin center too:",
                        "Cet espace de travail enregistre l'échange ; la clé prend effet une fois échangée aussi dans le centre d'administration :",
                    )}
                </p>
                <ol class="admin-steps">
                    {steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ol>
                <div class="key-copy">
                    <span class="key-text" data-field="key">{key.clone()}</span>
                    <CopyButton
                        text=Signal::stored(key)
                        label=pick("Copy the product key", "Copier la clé de produit")
                    />
                </div>
            </section>
            <div class="button-row">
                <a class="button-primary" href=crate::router::href("/redeem") on:click=reset>
                    {pick("Redeem another key", "Échanger une autre clé")}
                </a>
                // The subscription's own address: its row on Azure & Cloud.
                <Link
                    href=crate::nav::Record::Subscription(done.subscription.to_string()).path()
                    class="button-secondary"
                >
                    {pick("Open the subscription", "Ouvrir l'abonnement")}
                </Link>
            </div>
            </div>
        })
    }
}
