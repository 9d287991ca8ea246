//! Mounts the Import users page's bundle (see the library's header).

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(roster_app::ImportApp);
}
