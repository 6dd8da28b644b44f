//! The replica against a model of the server (`crates/api`'s contract: a command applied
//! once per id, a retry answered with the first answer, the events after the base in pages),
//! with any interleaving of the partner's changes, another admin's changes, lost requests,
//! lost answers, server errors, reloads, pulls and dismissals.

use super::*;
use benefits_core::demo::{self, ANDY, GLORIA, GUS, MARIO, NORA, UMA};
use benefits_core::model::{Offer, UserDetails, UserKind};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many events per answer in the model, so that paging and gaps happen.
const PAGE: usize = 2;

fn start() -> (WorkspaceDoc, NaiveDateTime) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    (demo::workspace(today), today.and_hms_opt(9, 0, 0).unwrap())
}

/// The server: one log, each command id answered once and for all.
struct Server {
    doc: WorkspaceDoc,
    answers: BTreeMap<String, (Command, Result<u64, DomainError>)>,
    /// The ids in the order they first arrived.
    arrived: Vec<String>,
}

enum Answer {
    Accepted(Box<CommandAccepted>),
    Refused(CommandRefused),
    IdReused,
}

impl Server {
    fn after(&self, base: u64) -> (u64, Vec<Event>) {
        let events = self.doc.events();
        let from = usize::try_from(base).unwrap().min(events.len());
        let page = events[from..].iter().take(PAGE).cloned().collect();
        (self.doc.head(), page)
    }

    fn command(
        &mut self,
        actor: &UserId,
        now: NaiveDateTime,
        id: &str,
        base: u64,
        command: &Command,
    ) -> Answer {
        assert!(base <= self.doc.head(), "a base beyond the head is a 400");
        if !self.answers.contains_key(id) {
            let result = self
                .doc
                .apply(actor, now, command)
                .map(|e| e.seq)
                .map_err(|e| e.clone());
            self.answers
                .insert(id.to_string(), (command.clone(), result));
            self.arrived.push(id.to_string());
        }
        let (first, result) = &self.answers[id];
        if first != command {
            return Answer::IdReused;
        }
        let (head, events) = self.after(base);
        match result {
            Ok(seq) => Answer::Accepted(Box::new(CommandAccepted {
                head,
                event: self.doc.events()[usize::try_from(*seq).unwrap() - 1].clone(),
                events,
            })),
            Err(e) => Answer::Refused(CommandRefused {
                error: e.code,
                message: e.message.clone(),
                params: e.params.clone(),
                head,
                events,
            }),
        }
    }
}

#[derive(Debug, Clone)]
enum Op {
    /// The partner makes a change (kind, value).
    Propose(u8, u8),
    /// Another admin's change reaches the server directly.
    Other(u8, u8),
    /// The next change is sent: 0 answered, 1 lost on the way (nothing applied), 2 applied
    /// but the answer lost, 3 a 503 (nothing applied), 4 answered but the pull that should
    /// follow fails.
    Send(u8),
    /// A pull of the events after the head (or it fails).
    Pull(bool),
    /// The tab is reloaded: everything is read back from its stored form.
    Reload,
    /// The partner dismisses a change not applied.
    Dismiss(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<u8>(), any::<u8>()).prop_map(|(k, v)| Op::Propose(k, v)),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(k, v)| Op::Other(k, v)),
        6 => (0u8..5).prop_map(Op::Send),
        2 => any::<bool>().prop_map(Op::Pull),
        1 => Just(Op::Reload),
        1 => any::<u8>().prop_map(Op::Dismiss),
    ]
}

/// Changes that collide: the same few email addresses, the same few users disabled and
/// enabled, packages (never refused), and offers by name.
fn change(kind: u8, v: u8) -> Command {
    let people = [MARIO, ANDY, NORA, GUS];
    let user = UserId::from(people[usize::from(v) % people.len()]);
    match kind % 5 {
        0 => Command::AddUser {
            user: UserDetails {
                name: format!("Person {v}"),
                email: format!("p{}@contoso.example", v % 3),
                kind: UserKind::Member,
                roles: Default::default(),
            },
        },
        1 => Command::DisableUser { user },
        2 => Command::EnableUser { user },
        3 => Command::PurchasePackage {
            name: format!("Package {v}"),
            offer: Offer::Silver,
            purchased_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        },
        _ => Command::AddGtmOffer {
            name: format!("Offer {}", v % 3),
        },
    }
}

/// A copy that survives a reload: read back from exactly what the client stores.
fn reload(replica: &Replica) -> Replica {
    let doc = WorkspaceDoc::from_json(&replica.confirmed.to_json().unwrap()).unwrap();
    Replica {
        confirmed: doc,
        queue: queue_from_json(&queue_to_json(&replica.queue)).unwrap(),
        not_applied: not_applied_from_json(&not_applied_to_json(&replica.not_applied)).unwrap(),
    }
}

struct Run {
    server: Server,
    client: Replica,
    view: WorkspaceDoc,
    now: NaiveDateTime,
    /// Every change the partner made that the engine took locally, by id.
    proposed: Vec<String>,
    dismissed: BTreeSet<String>,
    next_id: u32,
}

impl Run {
    fn new() -> Run {
        let (doc, now) = start();
        Run {
            server: Server {
                doc: doc.clone(),
                answers: BTreeMap::new(),
                arrived: Vec::new(),
            },
            view: doc.clone(),
            client: Replica::new(doc),
            now,
            proposed: Vec::new(),
            dismissed: BTreeSet::new(),
            next_id: 0,
        }
    }

    /// The client's handling of one send, as `sync_client.rs` does it.
    fn send(&mut self, fate: u8) -> Result<(), TestCaseError> {
        let Some((pending, base)) = self.client.next() else {
            return Ok(());
        };
        let (id, command) = (pending.id.clone(), pending.command.clone());
        let me = UserId::from(GLORIA);
        match fate {
            1 | 3 => {} // nothing reached the log: the change stays queued
            2 => {
                let _ = self.server.command(&me, self.now, &id, base, &command);
            }
            _ => {
                let then = match self.server.command(&me, self.now, &id, base, &command) {
                    Answer::Accepted(a) => self.client.accepted(&id, *a),
                    Answer::Refused(r) => self.client.refused(&id, r),
                    Answer::IdReused => {
                        prop_assert!(false, "the client sent one id for two changes");
                        unreachable!()
                    }
                };
                if fate == 0 {
                    self.after(then)?;
                }
            }
        }
        self.view = self.client.view();
        Ok(())
    }

    fn after(&mut self, mut then: Then) -> Result<(), TestCaseError> {
        let mut rounds = 0;
        while then == Then::Pull {
            let (head, events) = self.server.after(self.client.confirmed.head());
            then = self.client.pulled(EventsPage { head, events });
            rounds += 1;
            prop_assert!(rounds < 1000, "pulling never ends");
        }
        prop_assert_ne!(then, Then::Refetch, "the server's log always fits");
        Ok(())
    }

    fn step(&mut self, op: &Op) -> Result<(), TestCaseError> {
        self.now += TimeDelta::minutes(1);
        match op {
            Op::Propose(kind, v) => {
                let id = format!("c{}", self.next_id);
                self.next_id += 1;
                let mut view = self.view.clone();
                let result = self.client.propose(
                    &mut view,
                    id.clone(),
                    &UserId::from(GLORIA),
                    self.now,
                    change(*kind, *v),
                );
                if result.is_ok() {
                    self.proposed.push(id);
                    // What the partner sees is what the replica rebuilds.
                    prop_assert_eq!(&view, &self.client.view());
                } else {
                    prop_assert_eq!(&view, &self.view, "a refused change changes nothing");
                }
                self.view = view;
            }
            Op::Other(kind, v) => {
                let _ = self
                    .server
                    .doc
                    .apply(&UserId::from(UMA), self.now, &change(*kind, *v));
            }
            Op::Send(fate) => self.send(*fate)?,
            Op::Pull(true) => {
                let (head, events) = self.server.after(self.client.confirmed.head());
                let then = self.client.pulled(EventsPage { head, events });
                prop_assert_ne!(then, Then::Refetch);
                self.view = self.client.view();
            }
            Op::Pull(false) => {}
            Op::Reload => {
                self.client = reload(&self.client);
                self.view = self.client.view();
            }
            Op::Dismiss(i) => {
                if !self.client.not_applied.is_empty() {
                    let i = usize::from(*i) % self.client.not_applied.len();
                    let id = self.client.not_applied[i].id.clone();
                    self.client.dismiss(&id);
                    self.dismissed.insert(id);
                }
            }
        }
        self.nothing_lost_or_doubled()
    }

    /// Every change made is exactly once in the queue, in "Changes not applied" (or was
    /// dismissed from there), or in the confirmed document; and the server applied each id
    /// at most once.
    fn nothing_lost_or_doubled(&self) -> Result<(), TestCaseError> {
        let queued: Vec<&str> = self.client.queue.iter().map(|p| p.id.as_str()).collect();
        let not_applied: Vec<&str> = self
            .client
            .not_applied
            .iter()
            .map(|n| n.id.as_str())
            .collect();
        // Sent in the order they were made.
        let order: Vec<usize> = self
            .server
            .arrived
            .iter()
            .map(|id| self.proposed.iter().position(|p| p == id).unwrap())
            .collect();
        prop_assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "sent out of order: {:?}",
            order
        );
        let mut seen = BTreeSet::new();
        for id in queued.iter().chain(&not_applied) {
            prop_assert!(seen.insert(*id), "{} is twice in the client's lists", id);
        }
        for id in &self.proposed {
            let in_queue = queued.contains(&id.as_str());
            let parked = not_applied.contains(&id.as_str()) || self.dismissed.contains(id);
            let answer = self.server.answers.get(id).map(|(_, r)| r);
            if parked {
                prop_assert!(!in_queue);
                prop_assert!(
                    matches!(answer, Some(Err(_))),
                    "{} is not applied but the server did not refuse it",
                    id
                );
            } else if !in_queue {
                match answer {
                    Some(Ok(seq)) => prop_assert!(
                        *seq <= self.client.confirmed.head(),
                        "{} left the queue before its event reached the copy",
                        id
                    ),
                    other => prop_assert!(false, "{} was lost (server: {:?})", id, other),
                }
            }
        }
        Ok(())
    }

    /// The connection comes back for good: everything is sent, the copy catches up.
    fn heal(&mut self) -> Result<(), TestCaseError> {
        let mut rounds = 0;
        while self.client.next().is_some() {
            self.send(0)?;
            rounds += 1;
            prop_assert!(rounds < 10_000);
        }
        self.after(Then::Pull)?;
        self.view = self.client.view();
        self.nothing_lost_or_doubled()?;
        prop_assert!(self.client.queue.is_empty(), "{:?}", self.client.queue);
        prop_assert_eq!(self.client.confirmed.events(), self.server.doc.events());
        prop_assert_eq!(&self.client.confirmed, &self.server.doc);
        prop_assert_eq!(&self.view, &self.server.doc);
        // Each change the server refused is in "Changes not applied" or was dismissed; each
        // one it accepted is one event of the log.
        for id in &self.proposed {
            match &self.server.answers[id].1 {
                Ok(seq) => prop_assert_eq!(
                    &self.server.doc.events()[usize::try_from(*seq).unwrap() - 1].actor,
                    &UserId::from(GLORIA)
                ),
                Err(_) => prop_assert!(
                    self.dismissed.contains(id)
                        || self.client.not_applied.iter().any(|n| &n.id == id)
                ),
            }
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn no_interleaving_loses_or_doubles_a_change(ops in proptest::collection::vec(op(), 1..60)) {
        let mut run = Run::new();
        for op in &ops {
            run.step(op)?;
        }
        run.heal()?;
    }
}

#[test]
fn a_change_taken_meanwhile_lands_in_changes_not_applied_with_the_reason() {
    let mut run = Run::new();
    // The partner adds p0@… offline; the other admin adds the same address first.
    run.step(&Op::Propose(0, 0)).unwrap();
    run.step(&Op::Other(0, 3)).unwrap();
    run.heal().unwrap();
    let [n] = &run.client.not_applied[..] else {
        panic!("{:?}", run.client.not_applied);
    };
    match &n.reason {
        Reason::Refused(e) => {
            assert_eq!(e.code, ErrorCode::EmailInUse);
            assert_eq!(
                e.params.get("email").map(String::as_str),
                Some("p0@contoso.example")
            );
        }
        other => panic!("{other:?}"),
    }
    // Named by what the partner did, as this browser applied it.
    assert!(matches!(
        n.preview.change,
        benefits_core::Change::UserAdded { .. }
    ));
    // Stored and read back alike.
    assert_eq!(
        not_applied_from_json(&not_applied_to_json(&run.client.not_applied)).unwrap(),
        run.client.not_applied
    );
    run.client.dismiss(&n.id.clone());
    assert!(run.client.not_applied.is_empty());
}

#[test]
fn a_lost_answer_is_sent_again_and_applied_once() {
    let mut run = Run::new();
    run.step(&Op::Propose(3, 1)).unwrap();
    run.step(&Op::Send(2)).unwrap(); // applied, answer lost
    assert_eq!(run.client.queue.len(), 1);
    let head = run.server.doc.head();
    run.heal().unwrap();
    assert_eq!(
        run.server.doc.head(),
        head,
        "the retry applied nothing more"
    );
    assert!(run.client.queue.is_empty());
}

#[test]
fn a_queue_from_an_older_head_is_sent_with_the_head_of_the_moment() {
    let mut run = Run::new();
    run.step(&Op::Propose(3, 1)).unwrap();
    let base = run.client.queue[0].base;
    run.step(&Op::Other(3, 2)).unwrap();
    run.step(&Op::Pull(true)).unwrap();
    let (p, send_base) = run.client.next().unwrap();
    assert_eq!(p.base, base);
    assert_eq!(send_base, base + 1);
}

#[test]
fn an_answer_past_the_page_keeps_the_change_on_screen_until_its_event_arrives() {
    let mut run = Run::new();
    for v in 0..5 {
        run.step(&Op::Other(3, v)).unwrap();
    }
    run.step(&Op::Propose(3, 9)).unwrap();
    let (p, base) = run.client.next().unwrap();
    let (id, command) = (p.id.clone(), p.command.clone());
    let Answer::Accepted(a) =
        run.server
            .command(&UserId::from(GLORIA), run.now, &id, base, &command)
    else {
        panic!()
    };
    assert_eq!(run.client.accepted(&id, *a), Then::Pull);
    // Not sent again, still shown.
    assert!(run.client.next().is_none());
    assert_eq!(run.client.waiting(), 1);
    let names = |doc: &WorkspaceDoc| -> Vec<String> {
        doc.workspace()
            .packages()
            .values()
            .map(|p| p.name.clone())
            .collect()
    };
    assert!(!names(&run.client.confirmed).contains(&"Package 9".to_string()));
    assert!(names(&run.client.view()).contains(&"Package 9".to_string()));
    run.heal().unwrap();
}

#[test]
fn a_rejected_change_is_kept_with_the_servers_words() {
    let mut run = Run::new();
    run.step(&Op::Propose(3, 1)).unwrap();
    let id = run.client.queue[0].id.clone();
    run.client.not_applied_because(
        &id,
        Reason::Rejected {
            status: 400,
            code: "bad_request".into(),
            message: "The command is not one the workspace takes.".into(),
        },
    );
    assert!(run.client.queue.is_empty());
    let back = not_applied_from_json(&not_applied_to_json(&run.client.not_applied)).unwrap();
    assert_eq!(back, run.client.not_applied);
}

#[test]
fn diverged_logs_ask_for_the_whole_document() {
    let (doc, now) = start();
    let mut client = Replica::new(doc.clone());
    let mut other = doc;
    other
        .apply(
            &UserId::from(GLORIA),
            now,
            &Command::AddGtmOffer { name: "X".into() },
        )
        .unwrap();
    let mut wrong = other.events().last().unwrap().clone();
    wrong.change = benefits_core::Change::UserDisabled {
        user: UserId::from("user-404"),
    };
    let then = client.pulled(EventsPage {
        head: wrong.seq,
        events: vec![wrong],
    });
    assert_eq!(then, Then::Refetch);
}

#[test]
fn retries_back_off_to_thirty_seconds() {
    let delays: Vec<u32> = (0..8).map(retry_after_ms).collect();
    assert_eq!(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
}

#[test]
fn the_header_says_how_many_changes_wait_in_both_languages() {
    assert_eq!(
        status_words(Link::Offline, 2, false),
        "Offline — 2 changes waiting"
    );
    assert_eq!(
        status_words(Link::Offline, 2, true),
        "Hors ligne — 2 modifications en attente"
    );
    assert_eq!(
        status_words(Link::Offline, 1, false),
        "Offline — 1 change waiting"
    );
    assert_eq!(
        status_words(Link::Online, 0, false),
        "Online — all changes saved"
    );
    assert_eq!(
        status_words(Link::Syncing, 3, true),
        "Envoi de 3 modifications…"
    );
    for link in [Link::Online, Link::Syncing, Link::Offline] {
        assert_eq!(Link::from_name(link.name()), Some(link));
    }
}
