//! R-TECH-1..3: technical benefits.

use crate::common::*;

fn tech(id: &str) -> TechId {
    TechId::from(id)
}

fn add(kind: TechnicalKind) -> Command {
    Command::AddTechnicalBenefit {
        benefit: NewTechnicalBenefit {
            kind,
            unit: AllowanceUnit::Incidents,
            allowance: 3,
        },
    }
}

fn set_offers(doc: &mut WorkspaceDoc, offers: &[Offer]) {
    let mut org = doc.workspace().organisation().unwrap().clone();
    org.offers = offers.iter().copied().collect();
    ok(
        doc,
        MARIO,
        Command::UpdateOrganisation { organisation: org },
    );
}

#[test]
fn r_tech_1_signature_cloud_support_is_for_silver_and_gold_not_action_pack() {
    let mut doc = demo();
    set_offers(&mut doc, &[Offer::ActionPack]);
    let err = refused(&mut doc, MARIO, add(TechnicalKind::SignatureCloudSupport));
    assert_refusal(
        &err,
        ErrorCode::TechNotEligible,
        &[
            "Silver and Gold partners only, not Action Pack",
            "offers: Action Pack",
        ],
    );
    // The kind's JSON name, for the French sentence.
    assert_eq!(
        err.params.get("kind").map(String::as_str),
        Some("signature_cloud_support")
    );
    // Activation re-checks: tech-1 (signature support) is no longer eligible.
    let err = refused(
        &mut doc,
        GLORIA,
        Command::ActivateTechnicalBenefit {
            benefit: tech("tech-1"),
        },
    );
    assert_eq!(err.code, ErrorCode::TechNotEligible);
    ok(&mut doc, MARIO, add(TechnicalKind::OnPremisesIncidents));
    ok(&mut doc, MARIO, add(TechnicalKind::PresalesDeployment));
    set_offers(&mut doc, &[Offer::Gold]);
    ok(&mut doc, MARIO, add(TechnicalKind::SignatureCloudSupport));
}

#[test]
fn r_tech_1_no_offer_no_technical_benefit() {
    let mut doc = demo();
    let mut org = doc.workspace().organisation().unwrap().clone();
    org.offers.clear();
    ok(
        &mut doc,
        MARIO,
        Command::UpdateOrganisation { organisation: org },
    );
    for kind in [
        TechnicalKind::OnPremisesIncidents,
        TechnicalKind::PresalesDeployment,
    ] {
        let err = refused(&mut doc, MARIO, add(kind));
        assert_refusal(
            &err,
            ErrorCode::TechNotEligible,
            &["needs an Action Pack, Silver or Gold offer", "offers: none"],
        );
    }
}

#[test]
fn r_tech_2_activate_goes_pending_then_active_with_access_and_contract_id() {
    let mut doc = demo();
    ok(
        &mut doc,
        MARIO,
        Command::ActivateTechnicalBenefit {
            benefit: tech("tech-1"),
        },
    );
    let b = &doc.workspace().technical_benefits()[&tech("tech-1")];
    assert_eq!(
        b.state,
        TechnicalState::Pending {
            requested_on: today(),
            requested_by: u(MARIO)
        }
    );
    let err = refused(
        &mut doc,
        MARIO,
        Command::ActivateTechnicalBenefit {
            benefit: tech("tech-1"),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::TechInvalidState,
        &["already pending since 2026-11-20"],
    );
    let later = noon(d("2026-11-24"));
    ok_at(
        &mut doc,
        MARIO,
        later,
        Command::RecordTechnicalBenefitProcessed {
            benefit: tech("tech-1"),
            access_id: " SIG-1234 ".into(),
            contract_id: "CT-99".into(),
        },
    );
    let b = &doc.workspace().technical_benefits()[&tech("tech-1")];
    assert_eq!(b.ids(), Some(("SIG-1234", "CT-99")));
    assert!(
        matches!(b.state, TechnicalState::Active { activated_on, requested_on, .. } if activated_on == d("2026-11-24") && requested_on == today())
    );
}

#[test]
fn r_tech_2_ids_are_recorded_only_for_a_pending_benefit_and_are_required() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        MARIO,
        Command::RecordTechnicalBenefitProcessed {
            benefit: tech("tech-1"),
            access_id: "A".into(),
            contract_id: "C".into(),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::TechInvalidState,
        &["not activated", "Activate it first"],
    );
    let err = refused(
        &mut doc,
        MARIO,
        Command::RecordTechnicalBenefitProcessed {
            benefit: tech("tech-3"),
            access_id: "A".into(),
            contract_id: "C".into(),
        },
    );
    assert_refusal(&err, ErrorCode::TechInvalidState, &["already recorded"]);
    let err = refused(
        &mut doc,
        MARIO,
        Command::RecordTechnicalBenefitProcessed {
            benefit: tech("tech-2"),
            access_id: "A".into(),
            contract_id: " ".into(),
        },
    );
    assert_refusal(&err, ErrorCode::MissingValue, &["Contract ID"]);
}

fn request(id: &str, area: ProductArea, consumes: i64) -> Command {
    Command::LogSupportRequest {
        benefit: tech(id),
        area,
        title: "Server will not boot".into(),
        consumes,
    }
}

#[test]
fn r_tech_3_on_premises_azure_and_dynamics_requests_need_access_and_contract_id() {
    let mut doc = demo();
    for area in [
        ProductArea::OnPremises,
        ProductArea::AzureNonCsp,
        ProductArea::Dynamics,
    ] {
        let err = refused(&mut doc, MARIO, request("tech-2", area, 1));
        assert_refusal(
            &err,
            ErrorCode::TechIdsRequired,
            &[
                "needs the Access ID and Contract ID",
                "pending since 2026-11-18",
            ],
        );
        let err = refused(&mut doc, MARIO, request("tech-1", area, 1));
        assert_refusal(&err, ErrorCode::TechIdsRequired, &["activate it first"]);
    }
    let err = refused(&mut doc, MARIO, request("tech-1", ProductArea::Cloud, 1));
    assert_refusal(&err, ErrorCode::TechInvalidState, &["cannot be used yet"]);
}

#[test]
fn r_tech_3_requests_consume_incidents_and_show_what_is_left() {
    let mut doc = demo();
    // tech-3: 5 incidents, 1 used by the demo.
    let b = &doc.workspace().technical_benefits()[&tech("tech-3")];
    assert_eq!((b.allowance, b.used(), b.remaining()), (5, 1, 4));
    ok(&mut doc, MARIO, request("tech-3", ProductArea::Dynamics, 3));
    let err = refused(
        &mut doc,
        GLORIA,
        request("tech-3", ProductArea::OnPremises, 2),
    );
    assert_refusal(
        &err,
        ErrorCode::TechAllowanceExceeded,
        &["Only 1 incidents left", "5 given, 4 used", "needs 2"],
    );
    ok(
        &mut doc,
        GLORIA,
        request("tech-3", ProductArea::OnPremises, 1),
    );
    let b = &doc.workspace().technical_benefits()[&tech("tech-3")];
    assert_eq!(b.remaining(), 0);
    assert_eq!(
        b.requests.last().unwrap().id,
        SupportRequestId::from("req-3")
    );
    let err = refused(
        &mut doc,
        GLORIA,
        request("tech-3", ProductArea::OnPremises, 0),
    );
    assert_eq!(err.code, ErrorCode::InvalidAmount);
}
