//! Small pieces every page uses: a refusal shown beside the action that caused it, a copy
//! button, and a button that asks for confirmation before an action that cannot be undone.

use crate::i18n::{self, pick};
use crate::store::Store;
use benefits_core::{Command, DomainError, RecordRef};
use leptos::prelude::*;

/// Sends a command through the store and keeps its refusal for a [`Refusal`] beside the
/// control. Returns true when the command was accepted.
pub fn run(command: Command, refusal: RwSignal<Option<DomainError>>) -> bool {
    match Store::get().dispatch(command) {
        Ok(()) => {
            refusal.set(None);
            true
        }
        Err(e) => {
            refusal.set(Some(e));
            false
        }
    }
}

/// The engine's refusal, in plain words, announced to screen readers.
#[component]
pub fn Refusal(error: RwSignal<Option<DomainError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <p class="refusal" role="alert" data-code=e.code.as_str()>
                    {i18n::refusal(&e)}
                </p>
            }
        })
    }
}

/// Copies `text` to the clipboard; says "Copied" once done.
#[component]
pub fn CopyButton(
    /// What is copied.
    #[prop(into)]
    text: Signal<String>,
    /// The accessible name, e.g. "Copy the Access ID".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let on_click = move |_| {
        let value = text.get_untracked();
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&value);
        leptos::task::spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(ok);
        });
    };
    view! {
        <button type="button" class="button-secondary copy-button" aria-label=label on:click=on_click>
            {move || if copied.get() { pick("Copied", "Copié") } else { pick("Copy", "Copier") }}
        </button>
    }
}

/// A button whose action cannot be undone: the first press asks, in words, for a
/// confirmation; "Confirm" runs the action, "Cancel" goes back.
///
/// With `guard` (the command the action sends), core is asked first whether the acting
/// user's roles allow it at all (`Store::may_give`): if not, nobody is asked to confirm an
/// action that would then be refused. With `upfront`, the refusal replaces the button as
/// soon as the page is drawn (as `/redeem` does); without, the press shows it instead of
/// the question.
#[component]
pub fn ConfirmButton(
    /// The button's text, e.g. "Request cancellation".
    #[prop(into)]
    label: String,
    /// What will happen, said before it happens.
    #[prop(into)]
    question: String,
    /// The action, run only after confirmation.
    on_confirm: impl Fn() + Send + Sync + 'static,
    /// The command the action sends, checked against the acting user's roles first.
    #[prop(optional)]
    guard: Option<Command>,
    /// Say "not as you" before the button is pressed.
    #[prop(optional)]
    upfront: bool,
) -> impl IntoView {
    let not_you = Memo::new(move |_| guard.as_ref().and_then(|c| Store::get().may_give(c)));
    let pressed_refused = RwSignal::new(false);
    let asking = RwSignal::new(false);
    // Keyboard users keep their place: the question's "Confirm" takes the focus when it
    // appears, and the first button gets it back once the question is answered (not on the
    // page's first render, which must not steal the focus).
    let answered = RwSignal::new(false);
    let ask_ref = NodeRef::<leptos::html::Button>::new();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if let Some(button) = confirm_ref.get() {
            let _ = button.focus();
        }
    });
    Effect::new(move || {
        if let Some(button) = ask_ref.get() {
            if answered.get_untracked() {
                let _ = button.focus();
            }
        }
    });
    let label_again = label.clone();
    let on_confirm = std::sync::Arc::new(on_confirm);
    let refusal_text = move || {
        not_you.get().map(|e| {
            view! {
                <p class="refusal not-as-you" role=(!upfront).then_some("alert") data-code=e.code.as_str()>
                    {i18n::refusal(&e)}
                </p>
            }
        })
    };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                let label = label.clone();
                if upfront && not_you.with(Option::is_some) {
                    return refusal_text.into_any();
                }
                view! {
                    <button
                        type="button"
                        class="button-secondary"
                        node_ref=ask_ref
                        on:click=move |_| {
                            if not_you.with_untracked(Option::is_some) {
                                pressed_refused.set(true);
                            } else {
                                asking.set(true);
                            }
                        }
                    >
                        {label}
                    </button>
                    {move || pressed_refused.get().then(refusal_text)}
                }
                .into_any()
            }
        >
            <div class="confirm" role="group" aria-label=label_again.clone()>
                <p>{question.clone()}</p>
                <button
                    type="button"
                    class="button-primary"
                    node_ref=confirm_ref
                    on:click={
                        let on_confirm = on_confirm.clone();
                        move |_| {
                            answered.set(true);
                            asking.set(false);
                            on_confirm();
                        }
                    }
                >
                    {pick("Confirm", "Confirmer")}
                </button>
                <button
                    type="button"
                    class="button-secondary"
                    on:click=move |_| {
                        answered.set(true);
                        asking.set(false);
                    }
                >
                    {pick("Cancel", "Annuler")}
                </button>
            </div>
        </Show>
    }
}

/// A table's box that may scroll sideways on a narrow screen. The box is a labelled region
/// that takes the keyboard focus, so the arrow keys scroll it (WCAG 2.1.1; axe's
/// `scrollable-region-focusable`).
#[component]
pub fn TableScroll(
    /// What the table lists, e.g. "Product keys".
    #[prop(into)]
    label: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-label=label>
            {children()}
        </div>
    }
}

/// "Remove" for a record entered by mistake: asks first, then sends `RemoveRecord`; the
/// engine refuses a record whose history matters, and the refusal lands in `refusal`.
#[component]
pub fn RemoveRecordButton(
    record: RecordRef,
    /// The button's text, e.g. "Remove this credit".
    #[prop(into)]
    label: String,
    /// What will happen, said before it happens.
    #[prop(into)]
    question: String,
    refusal: RwSignal<Option<DomainError>>,
) -> impl IntoView {
    let guard = Command::RemoveRecord {
        record: record.clone(),
    };
    view! {
        <ConfirmButton
            label=label
            question=question
            guard=guard
            on_confirm=move || {
                run(Command::RemoveRecord { record: record.clone() }, refusal);
            }
        />
    }
}
