//! The one catalogue of user-visible text, keyed by stable keys.
//!
//! Every word the app shows comes from here (error messages come from the domain's `ErrorCode`
//! catalogue), so adding French is a second column, not a hunt through the pages.

/// A piece of user-visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    ProductName,
    HomeTitle,
    HomeLead,
    HomeComingSoon,
    NotFoundTitle,
    NotFoundLead,
    NotFoundHome,
}

/// The English text of `key`.
pub const fn t(key: Key) -> &'static str {
    match key {
        Key::ProductName => "Roster",
        Key::HomeTitle => "Roster",
        Key::HomeLead => "Add, import, invite and manage the people of your accounts.",
        Key::HomeComingSoon => {
            "Signing in and the user screens are not built yet: this page is the app's shell."
        }
        Key::NotFoundTitle => "Page not found",
        Key::NotFoundLead => "There is no page at this address.",
        Key::NotFoundHome => "Go to the start page",
    }
}
