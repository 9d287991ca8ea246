//! The authorization matrix of safe delegation: every operation of the API that changes a person,
//! a membership, a group or an account, tried by every relation between actor and target, must
//! answer what the domain decides.
//!
//! The operations are read from the live OpenAPI document rather than listed by hand: an
//! operation under `/accounts/{account}` that changes something and has no entry in `ENTRIES`
//! fails `every_changing_operation_has_an_entry`, and the matrix runs the probes of each
//! documented operation against a fresh server per case. The expected answer is computed with the
//! domain crate over facts read underneath the API (policies, memberships, states, active
//! admins), never through the server's guard, so a server that skips a check, or asks about the
//! wrong account or person, answers differently and the case names the operation, the relation
//! and both answers.
//!
//! The parts: the table of operations and its checks against the document (`entries`), the world
//! of one case (`scene`), the domain's expected answer (`oracle`), and trying a probe against the
//! server (`probe`). This file reads the document, builds the cases and runs them a few at a time.

mod entries;
mod oracle;
mod probe;
mod scene;

use crate::helpers::openapi_document;
use entries::{Entry, Probe, entries_of};
use oracle::{Answer, refused};
use probe::{Observed, state_before, try_probe};
use roster_domain::lifecycle::UserState;
use scene::{Relation, arrange};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// One case: what the domain decides, and what the server answers.
#[derive(Debug)]
struct Outcome {
    label: String,
    expected: Answer,
    observed: Observed,
}

fn label(entry: &Entry, probe: Probe, relation: Relation) -> String {
    format!(
        "{} {} ({probe:?}, {:?}) by {relation}",
        entry.method.to_uppercase(),
        entry.path,
        entry.kind
    )
}

/// One case on a fresh server: the scene arranged, the target put in the state the probe needs,
/// then the probe tried.
async fn run(entry: &'static Entry, probe: Probe, relation: Relation) -> Outcome {
    let s = arrange(relation).await;
    if s.target != s.actor {
        let state = state_before(probe);
        if state != UserState::Active {
            s.app.put_in_state(s.target, state).await;
        }
    }
    let (expected, observed) = try_probe(&s, probe).await;
    let label = format!(
        "{} [actor {} from account {}, target {}]",
        label(entry, probe, relation),
        s.actor,
        s.account,
        s.target
    );
    Outcome {
        label,
        expected,
        observed,
    }
}

#[tokio::test]
async fn every_changing_operation_has_an_entry() {
    // Act
    let found = entries_of(&openapi_document().await);

    // Assert
    if let Err(problems) = found {
        panic!("{problems}");
    }
}

/// One case of the matrix: an operation, one way of trying it, and who tries it on whom.
type Case = (&'static Entry, Probe, Relation);

/// Runs cases taken from `queue` one after the other, each in a task of its own so that a case
/// that panics is reported with its name rather than ending the others.
async fn worker(queue: Arc<Mutex<Vec<Case>>>) -> Vec<Outcome> {
    let mut done = Vec::new();
    loop {
        let Some((entry, probe, relation)) = queue.lock().unwrap().pop() else {
            return done;
        };
        match tokio::spawn(run(entry, probe, relation)).await {
            Ok(outcome) => done.push(outcome),
            Err(error) => done.push(Outcome {
                label: label(entry, probe, relation),
                expected: Answer::Done,
                observed: Observed {
                    status: 0,
                    answer: refused(&format!("the case itself failed: {error}")),
                },
            }),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_changing_operation_answers_what_the_domain_decides_for_every_relation() {
    // Arrange: the cases come from the live document.
    let entries = match entries_of(&openapi_document().await) {
        Ok(entries) => entries,
        Err(problems) => panic!("{problems}"),
    };
    let cases: Vec<Case> = entries
        .iter()
        .flat_map(|entry| {
            entry.probes.iter().flat_map(move |probe| {
                Relation::ALL
                    .into_iter()
                    .map(move |relation| (*entry, *probe, relation))
            })
        })
        .collect();
    let count = cases.len();
    let queue = Arc::new(Mutex::new(cases));

    // Act: a fresh server per case, a few at a time.
    let workers: Vec<_> = (0..4)
        .map(|_| tokio::spawn(worker(Arc::clone(&queue))))
        .collect();
    let mut outcomes = Vec::new();
    for worker in workers {
        outcomes.extend(worker.await.unwrap());
    }

    // Assert
    assert_eq!(outcomes.len(), count);
    let mut mismatches: Vec<String> = outcomes
        .iter()
        .filter(|o| o.expected != o.observed.answer)
        .map(|o| {
            format!(
                "{}: the domain decides {}, the server answered {} ({})",
                o.label, o.expected, o.observed.status, o.observed.answer
            )
        })
        .collect();
    mismatches.sort();
    assert!(
        mismatches.is_empty(),
        "{} of {count} cases differ from the domain's decision:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    // The arrangements do reach every kind of decision: a matrix that allowed everything, or
    // refused everything for one reason, would agree with a server that checks nothing.
    let seen: BTreeSet<&Answer> = outcomes.iter().map(|o| &o.expected).collect();
    for wanted in [
        Answer::Done,
        Answer::AtOnce,
        Answer::WithConsent,
        Answer::Member,
        refused("authz.person_shared"),
        refused("authz.insufficient_authority"),
        refused("authz.self_change"),
        refused("authz.not_admin"),
        refused("authz.group_has_superiors"),
        refused("authz.policy_change_not_allowed"),
        refused("user.already_member"),
        refused("user.action_not_allowed"),
        refused("request.not_found"),
    ] {
        assert!(
            seen.contains(&wanted),
            "no case is decided {wanted}: {seen:?}"
        );
    }
}
