//! The embedded pages' `frame-ancestors`, `/embed.js` and the sample portal.

use super::*;

#[tokio::test]
async fn only_the_account_s_origins_may_frame_its_embedded_pages() {
    // Arrange
    let app = spawn_app().await;
    let records = app.account_id(RECORDS).await;
    let europe = app.account_id(EUROPE).await;

    // Act
    let (ancestors, frame_options, page) =
        framing(&app, &format!("/embed/accounts/{records}/users")).await;

    // Assert
    assert_eq!(ancestors, DEMO_PORTAL_ORIGIN);
    assert_eq!(frame_options, None, "X-Frame-Options would forbid it");
    assert_eq!(page, ADMIN_PAGE);
    let (ancestors, ..) = framing(&app, &format!("/embed/accounts/{records}/users/42")).await;
    assert_eq!(ancestors, DEMO_PORTAL_ORIGIN);

    for path in [
        "/sign-in".to_owned(),
        "/".to_owned(),
        format!("/accounts/{records}/users"),
        format!("/embed/accounts/{europe}/users"),
        "/embed/accounts/999999/users".to_owned(),
        "/embed/accounts/x/users".to_owned(),
    ] {
        let (ancestors, frame_options, _) = framing(&app, &path).await;
        assert_eq!(ancestors, "'none'", "{path}");
        assert_eq!(frame_options.as_deref(), Some("DENY"), "{path}");
    }
    let api = reqwest::get(app.url("/health")).await.unwrap();
    let policy = api.headers()["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
}

#[tokio::test]
async fn a_change_of_origins_is_framed_at_once() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let records = app.account_id(RECORDS).await;
    let url = app.url(&format!("/accounts/{records}"));
    let origins = json!([
        "https://portal.acme.test",
        "https://intranet.acme.test:8443"
    ]);
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": origins }))
        .await;
    assert_eq!(res.status(), 200);
    let (ancestors, ..) = framing(&app, &format!("/embed/accounts/{records}/me")).await;
    assert_eq!(
        ancestors,
        "https://portal.acme.test https://intranet.acme.test:8443"
    );
    let res = app
        .patch_current(&admin, &url, json!({ "embedding_origins": [] }))
        .await;
    assert_eq!(res.status(), 200);
    let (ancestors, frame_options, _) =
        framing(&app, &format!("/embed/accounts/{records}/users")).await;
    assert_eq!(ancestors, "'none'");
    assert_eq!(frame_options.as_deref(), Some("DENY"));
}

#[tokio::test]
async fn embed_js_is_served_to_portals_and_posts_to_roster_only() {
    let app = spawn_app().await;
    let res = back_end()
        .get(format!("{}/embed.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        header("content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    // A portal that isolates itself (COEP) may load it too.
    assert_eq!(
        header("cross-origin-resource-policy").as_deref(),
        Some("cross-origin")
    );
    assert_eq!(header("cache-control").as_deref(), Some("no-cache"));
    let script = res.text().await.unwrap();
    assert!(script.contains("window.Roster = { mount: mount"));
    // Its messages go to Roster's origin, never to any.
    assert!(script.contains("postMessage(message, origin)"));
    assert!(!script.contains("\"*\"") && !script.contains("'*'"));
}

#[tokio::test]
async fn the_sample_portal_mints_tokens_for_its_own_page_only() {
    use roster_server::demo_portal::{PortalConfig, serve};
    let app = spawn_app().await;
    let start = |secret: String| async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let config = PortalConfig::demo(listener.local_addr().unwrap(), app.base.clone(), secret);
        let origin = config.origin.clone();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(serve(listener, config));
        (format!("http://127.0.0.1:{port}/token"), origin)
    };
    let ask = |url: String, origin: Option<String>| async move {
        let mut request = back_end().post(url).json(&json!({ "user": DEMO_USER }));
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        request.send().await.unwrap()
    };
    let (url, origin) = start(portal_secret(PASSWORD)).await;

    // Its own page gets a token, which opens a session.
    let res = ask(url.clone(), Some(origin)).await;
    assert_eq!(res.status(), 200);
    let token = json(res).await["token"].as_str().unwrap().to_owned();
    assert_eq!(app.exchange(&token).await.status(), 200);

    // Another site's page, or a request of no page, gets nothing.
    let res = ask(url.clone(), Some("http://evil.example".into())).await;
    assert_eq!(res.status(), 403);
    assert_eq!(ask(url, None).await.status(), 403);

    // A portal whose key is not one: Roster's refusal, passed on.
    let (url, origin) = start("rpk_not_a_key".into()).await;
    let res = ask(url, Some(origin)).await;
    assert_eq!(res.status(), 502);
    assert!(res.text().await.unwrap().contains("401"));
}
