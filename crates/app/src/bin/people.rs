//! Mounts the people's bundle: the pages a person opens on a phone (see the library's header).

fn main() {
    // A panic's message in the console, in debug builds only: the hook and the formatting it
    // links are 1.1 KB of this bundle's brotli, which is held to its budget (a release build's
    // panic still stops the page and says so in the console, without the message).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(roster_app::PeopleApp);
}
