//! R-SW-1..3: software products, "Get keys", downloads.

use crate::common::*;

fn office() -> NewSoftwareProduct {
    NewSoftwareProduct {
        name: "Visio LTSC Professional 2021".into(),
        offer: Offer::Silver,
        package: Some(PackageId::from("pkg-2")),
        keys: vec![NewSoftwareKey {
            key: "hb8qk-2tmxr-c9dpj-f7wyv-4gm3t".into(),
            activations: 3,
        }],
        special_instructions: "Internal use only.".into(),
        languages: vec!["English".into(), "Spanish".into()],
        os_types: vec!["Windows x64".into(), "Windows ARM64".into()],
        downloads: vec![DownloadLink {
            language: "english".into(),
            os_type: "Windows ARM64".into(),
            url: "https://downloads.contoso.example/visio/en-arm64.iso".into(),
        }],
    }
}

#[test]
fn r_sw_1_a_product_has_keys_languages_os_types_and_downloads() {
    let mut doc = demo();
    ok(
        &mut doc,
        MARIO,
        Command::AddSoftwareProduct { product: office() },
    );
    let sw = &doc.workspace().software()[&SoftwareId::from("sw-3")];
    assert_eq!(sw.keys[0].key.to_string(), "HB8QK-2TMXR-C9DPJ-F7WYV-4GM3T");
    assert_eq!(sw.keys[0].activations, 3);
    assert_eq!(sw.languages, vec!["English", "Spanish"]);
    // The link takes the listed spelling of its language.
    assert_eq!(sw.downloads[0].language, "English");
    assert_eq!(sw.offer, Offer::Silver);
}

#[test]
fn r_sw_1_refuses_bad_keys_duplicates_and_unlisted_downloads() {
    let mut doc = demo();
    let mut p = office();
    p.keys[0].key = "HB8QK-2TMXR-C9DPJ-F7WYV-4GM3O".into();
    let err = refused(&mut doc, MARIO, Command::AddSoftwareProduct { product: p });
    assert_refusal(&err, ErrorCode::KeyMalformed, &["Key 1:", "Character 25"]);
    let mut p = office();
    p.keys.push(p.keys[0].clone());
    let err = refused(&mut doc, MARIO, Command::AddSoftwareProduct { product: p });
    assert_refusal(&err, ErrorCode::DuplicateKey, &["listed twice"]);
    let mut p = office();
    p.keys[0].key = "W7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ".into();
    let err = refused(&mut doc, MARIO, Command::AddSoftwareProduct { product: p });
    assert_refusal(
        &err,
        ErrorCode::DuplicateKey,
        &["Windows Server 2022 Datacenter"],
    );
    let mut p = office();
    p.downloads[0].os_type = "macOS".into();
    let err = refused(&mut doc, MARIO, Command::AddSoftwareProduct { product: p });
    assert_refusal(
        &err,
        ErrorCode::DownloadLinkMismatch,
        &["\"macOS\"", "Windows x64, Windows ARM64"],
    );
    let mut p = office();
    p.downloads[0].url = "downloads.contoso.example/visio".into();
    assert_eq!(
        refused(&mut doc, MARIO, Command::AddSoftwareProduct { product: p }).code,
        ErrorCode::InvalidValue
    );
    let mut p = office();
    p.languages.clear();
    assert_eq!(
        refused(&mut doc, MARIO, Command::AddSoftwareProduct { product: p }).code,
        ErrorCode::MissingValue
    );
    let mut p = office();
    p.package = Some(PackageId::from("pkg-7"));
    assert_eq!(
        refused(&mut doc, MARIO, Command::AddSoftwareProduct { product: p }).code,
        ErrorCode::RecordNotFound
    );
}

#[test]
fn r_sw_2_keys_are_masked_until_get_keys_which_activates_the_product() {
    let mut doc = demo();
    let id = SoftwareId::from("sw-2");
    let sw = &doc.workspace().software()[&id];
    assert!(!sw.activated());
    let text = |doc: &WorkspaceDoc, who: &str| {
        let ws = doc.workspace();
        let sw = &ws.software()[&SoftwareId::from("sw-2")];
        ws.software_key_text(&u(who), sw, &sw.keys[0])
    };
    assert_eq!(text(&doc, MARIO), "•••••-•••••-•••••-•••••-Q8T3Y");
    let e = ok(
        &mut doc,
        MARIO,
        Command::RevealSoftwareKeys {
            product: id.clone(),
        },
    );
    assert!(doc.workspace().describe(&e).contains("activating it"));
    let sw = &doc.workspace().software()[&id];
    assert!(sw.activated());
    assert_eq!(text(&doc, MARIO), "BF4GY-KT9DX-HM2CJ-R6PVW-Q8T3Y");
    assert_eq!(text(&doc, GLORIA), "BF4GY-KT9DX-HM2CJ-R6PVW-Q8T3Y");
    // R-ROLE-1: the other roles view keys masked, even once revealed; so do people with no
    // role, and unknown ids.
    for who in [UMA, ANDY, NORA, "user-99"] {
        assert_eq!(text(&doc, who), "•••••-•••••-•••••-•••••-Q8T3Y", "{who}");
    }
    let r = sw.revealed.clone().unwrap();
    assert_eq!((r.at, r.by), (now(), u(MARIO)));
    // Revealing again is logged but keeps the first activation.
    let later = noon(d("2026-11-25"));
    let e = ok_at(
        &mut doc,
        GLORIA,
        later,
        Command::RevealSoftwareKeys {
            product: id.clone(),
        },
    );
    assert!(doc.workspace().describe(&e).contains("again"));
    assert_eq!(
        doc.workspace().software()[&id]
            .revealed
            .as_ref()
            .unwrap()
            .at,
        now()
    );
}

#[test]
fn r_sw_2_unknown_product_is_refused() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        MARIO,
        Command::RevealSoftwareKeys {
            product: SoftwareId::from("sw-9"),
        },
    );
    assert_refusal(&err, ErrorCode::RecordNotFound, &["software product sw-9"]);
}

#[test]
fn r_sw_3_language_and_os_pick_the_download_links() {
    let doc = demo();
    let sw = &doc.workspace().software()[&SoftwareId::from("sw-2")];
    let links = sw.downloads_for("french", "Windows ARM64");
    assert_eq!(links.len(), 1);
    assert_eq!(
        links[0].url,
        "https://downloads.contoso.example/office-ltsc-2021/french-windows-arm64.iso"
    );
    assert!(sw.downloads_for("German", "Windows x64").is_empty());
}
