//! Mounts the people's bundle: the pages a person opens on a phone (see the library's header).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(roster_app::PeopleApp);
}
