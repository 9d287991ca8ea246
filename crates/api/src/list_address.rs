//! The users list's own address: its search, filters, sort and page in the query string of its
//! page (`/accounts/3/users?q=ann&state=active&sort=-name&page=2`), under the names and values of
//! `GET /accounts/{account}/users`, so that Back, a reload or a shared link shows the same list.
//!
//! An address is typed, pasted and kept in bookmarks, so it is read leniently: a value the list
//! does not offer reads as the default rather than as an error, and what is the default is left
//! out, so the plain list keeps its plain address.

use crate::users::ListQuery;
use roster_domain::authz::Role;
use roster_domain::lifecycle::UserState;

/// The orders the users list offers, the first its default (the API takes a few more).
pub const LIST_SORTS: [&str; 5] = ["name", "-name", "email", "state", "-created"];

impl ListQuery {
    /// The list's query read from its address, `param` giving each parameter's value: what is
    /// missing, unknown or out of its values is the default; the page size is the API's.
    pub fn from_address<'a>(param: impl Fn(&str) -> Option<&'a str>) -> ListQuery {
        let state =
            param("state").and_then(|v| UserState::ALL.into_iter().find(|s| s.as_str() == v));
        let role = param("role").and_then(|v| Role::ALL.into_iter().find(|r| r.as_str() == v));
        ListQuery {
            q: param("q").map(str::to_owned),
            state,
            group: param("group").and_then(|v| v.parse().ok()),
            role,
            licensed: param("licensed").and_then(|v| v.parse().ok()),
            sort: param("sort").map(str::to_owned),
            page: param("page").and_then(|v| v.parse().ok()),
            per_page: None,
        }
        .for_address()
    }

    /// The query as its address shows it: without a blank search, a group id that cannot be
    /// one, a sort the list does not offer or its default, page 1 or none, or the page size.
    pub fn for_address(self) -> ListQuery {
        ListQuery {
            q: self.q.filter(|q| !q.trim().is_empty()),
            group: self.group.filter(|g| *g > 0),
            sort: self
                .sort
                .filter(|s| s != LIST_SORTS[0] && LIST_SORTS.contains(&s.as_str())),
            page: self.page.filter(|p| *p > 1),
            per_page: None,
            ..self
        }
    }

    /// How many filters are set (the sort and the search aside).
    pub fn filters_set(&self) -> usize {
        [
            self.state.is_some(),
            self.role.is_some(),
            self.group.is_some(),
            self.licensed.is_some(),
        ]
        .into_iter()
        .filter(|set| *set)
        .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the query of `address` as a browser's `URLSearchParams` does.
    fn read(address: &str) -> ListQuery {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(address).unwrap();
        ListQuery::from_address(|name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        })
    }

    fn write(query: ListQuery) -> String {
        serde_urlencoded::to_string(query.for_address()).unwrap()
    }

    #[test]
    fn an_address_without_a_query_is_the_plain_list() {
        assert_eq!(read(""), ListQuery::default());
        assert_eq!(write(ListQuery::default()), "");
    }

    #[test]
    fn every_parameter_is_read_from_its_address() {
        let query = read("q=ann&state=active&group=3&role=admin&licensed=false&sort=-name&page=2");
        assert_eq!(
            query,
            ListQuery {
                q: Some("ann".into()),
                state: Some(UserState::Active),
                group: Some(3),
                role: Some(Role::Admin),
                licensed: Some(false),
                sort: Some("-name".into()),
                page: Some(2),
                per_page: None,
            }
        );
    }

    #[test]
    fn the_address_is_written_in_a_fixed_order_and_read_back_the_same() {
        let query = ListQuery {
            q: Some("Hélène & co".into()),
            state: Some(UserState::Invited),
            group: Some(7),
            role: Some(Role::User),
            licensed: Some(true),
            sort: Some("-created".into()),
            page: Some(4),
            per_page: Some(25),
        };
        let address = write(query.clone());
        assert_eq!(
            address,
            "q=H%C3%A9l%C3%A8ne+%26+co&state=invited&group=7&role=user&licensed=true\
             &sort=-created&page=4"
        );
        assert_eq!(
            read(&address),
            ListQuery {
                per_page: None,
                ..query
            }
        );
    }

    #[test]
    fn defaults_are_left_out_of_the_address() {
        let query = ListQuery {
            q: Some("  ".into()),
            sort: Some("name".into()),
            page: Some(1),
            per_page: Some(25),
            ..ListQuery::default()
        };
        assert_eq!(write(query), "");
    }

    #[test]
    fn values_not_offered_read_as_the_defaults() {
        let bad = "state=asleep&role=owner&group=x&licensed=yes&sort=-email&page=0&per_page=100";
        assert_eq!(read(bad), ListQuery::default());
        for page in ["-3", "two", "1.5", "99999999999999999999"] {
            assert_eq!(read(&format!("page={page}")).page, None, "{page}");
        }
        assert_eq!(read("group=-1").group, None);
        assert_eq!(read("sort=bogus&state=ACTIVE").sort, None);
        assert_eq!(read("unknown=1&q=x"), read("q=x"));
    }

    #[test]
    fn filters_set_counts_the_filters_but_not_search_sort_or_page() {
        assert_eq!(read("q=a&sort=email&page=3").filters_set(), 0);
        assert_eq!(read("state=active&licensed=true").filters_set(), 2);
        assert_eq!(
            read("state=active&role=user&group=2&licensed=false").filters_set(),
            4
        );
    }
}
