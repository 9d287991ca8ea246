//! axe-core, run on every page and state the end-to-end tests reach ([`Browser::check_page`]):
//! the rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and the test fails naming each rule
//! broken and the elements that break it.
//!
//! axe is loaded from `.tools/node_modules/axe-core` (`cargo xtask test` installs it) as
//! WebDriver's own script, since the page's Content-Security-Policy rightly refuses an inline
//! script element; once per page load, as the app's own navigation keeps it. It runs in Chromium
//! only: the rules are the page's, not the engine's, and each run costs a few hundred
//! milliseconds that three engines would triple.

use crate::engine::Engine;
use crate::{Browser, crate_dir};
use std::sync::OnceLock;

/// The rule sets axe checks: WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 added no level A rule
/// that axe tags `wcag22a`).
const TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// The controls that must offer a target of at least 24 by 24 CSS pixels, more than WCAG 2.2's
/// minimum (which lets a small target off when nothing is near it): buttons, fields, check
/// boxes, disclosures, and the links that stand alone as controls (the navigation's, a form's or
/// a card's actions). A link within a sentence is as tall as its line, as WCAG allows.
const TARGETS: &str = "button, input:not([type=hidden]), select, summary, nav a, .actions a, \
                       .form-actions a, .skip-link:focus";

/// axe's browser build, read once per test binary.
fn source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = crate_dir().join("../.tools/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (cargo xtask test installs axe-core)",
                path.display()
            )
        })
    })
}

impl Browser {
    /// Fails the test when axe finds any violation of WCAG 2.2 AA on the page as it is now
    /// (`what` names it in the failure), in Chromium.
    pub async fn assert_accessible(&self, what: &str) {
        if self.engine != Engine::Chromium {
            return;
        }
        let url = self
            .client
            .current_url()
            .await
            .unwrap_or_else(|err| panic!("the page's address: {err}"));
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .unwrap_or_else(|err| panic!("looking for axe: {err}"));
        if loaded != true {
            let source = source();
            self.client
                .execute(
                    &format!("(function () {{ {source}\n; }}).call(window); return true;"),
                    vec![],
                )
                .await
                .unwrap_or_else(|err| panic!("loading axe: {err}"));
        }
        // Violations only, each as its rule and the elements that break it, with axe's words.
        let script = "const done = arguments[arguments.length - 1]; \
            axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, \
                                resultTypes: ['violations'] }) \
               .then(r => done(r.violations.map(v => v.id + ' (' + v.help + '):\\n' + \
                   v.nodes.map(n => '    ' + n.target.join(' ') + '\\n      ' + \
                       (n.failureSummary || '').replace(/\\n/g, '\\n      ')).join('\\n')))) \
               .catch(e => done(['axe did not run: ' + e]));";
        let found = self
            .client
            .execute_async(script, vec![serde_json::json!(TAGS)])
            .await
            .unwrap_or_else(|err| panic!("running axe on {what}: {err}"));
        let mut found: Vec<String> = found
            .as_array()
            .map(|v| {
                v.iter()
                    .map(|f| f.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        found.extend(self.small_targets().await);
        if !found.is_empty() {
            let shot = format!("axe-{}", std::process::id());
            self.save_screenshot(&shot).await;
            panic!(
                "axe: {what} ({} at {} px, {shot}.png) breaks {} rule(s):\n{}",
                url.path(),
                self.viewport.size().0,
                found.len(),
                found.join("\n")
            );
        }
    }

    /// Each shown control of [`TARGETS`] smaller than 24 by 24 pixels, with its size.
    async fn small_targets(&self) -> Vec<String> {
        let small = self
            .client
            .execute(
                "return [...document.querySelectorAll(arguments[0])] \
                   .filter(e => e.getClientRects().length > 0 && !e.closest('.visually-hidden')) \
                   .map(e => [e, e.getBoundingClientRect()]) \
                   .filter(([e, r]) => Math.round(r.width) < 24 || Math.round(r.height) < 24) \
                   .map(([e, r]) => 'target-size-24 (at least 24 by 24 px): ' + \
                       e.outerHTML.slice(0, 100) + ' is ' + Math.round(r.width) + ' by ' + \
                       Math.round(r.height));",
                vec![serde_json::json!(TARGETS)],
            )
            .await
            .unwrap_or_else(|err| panic!("measuring the targets: {err}"));
        small
            .as_array()
            .map(|v| {
                v.iter()
                    .map(|f| f.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}
