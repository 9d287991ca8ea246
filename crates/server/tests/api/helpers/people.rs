//! People picked by their standing, for a test to act on: every login with its memberships, read
//! through the server's store (its logins, and every membership as the search index reads it),
//! and the few kinds of person the tests look for, in order of id (a test takes the first).

use super::TestApp;
use roster_domain::authz::Role;
use roster_domain::lifecycle::UserState;
use roster_server::store;

/// A person as the tests pick them: their login and every membership of theirs.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub state: UserState,
    /// Whether they have a password (the demo gives one to its sign-ins only).
    pub has_password: bool,
    pub memberships: Vec<Membership>,
}

/// One membership of a [`Person`].
#[derive(Debug, Clone)]
pub struct Membership {
    pub account: i64,
    pub role: Role,
    pub licensed: bool,
}

impl Person {
    fn membership(&self, account: i64) -> Option<&Membership> {
        self.memberships.iter().find(|m| m.account == account)
    }

    pub fn is_member_of(&self, account: i64) -> bool {
        self.membership(account).is_some()
    }

    fn role_in(&self, account: i64) -> Option<Role> {
        self.membership(account).map(|m| m.role)
    }

    /// Holds a seat of `account`.
    pub fn is_licensed_in(&self, account: i64) -> bool {
        self.membership(account).is_some_and(|m| m.licensed)
    }

    /// An active plain user of `account`.
    fn is_active_user_of(&self, account: i64) -> bool {
        self.state == UserState::Active && self.role_in(account) == Some(Role::User)
    }
}

impl TestApp {
    /// Everyone, by id, with their memberships.
    pub async fn people(&self) -> Vec<Person> {
        let mut conn = self.db.acquire().await.unwrap();
        let logins = store::logins::everyone(&mut conn).await.unwrap();
        let memberships = store::search::rows(&mut conn, None).await.unwrap();
        logins
            .into_iter()
            .map(|login| Person {
                id: login.id,
                state: store::decode("state", &login.state).unwrap(),
                email: login.email,
                has_password: login.has_password,
                memberships: memberships
                    .iter()
                    .filter(|m| m.user_id == login.id)
                    .map(|m| Membership {
                        account: m.account_id,
                        role: store::decode("role", &m.role).unwrap(),
                        licensed: m.licensed,
                    })
                    .collect(),
            })
            .collect()
    }

    async fn people_where(&self, pick: impl Fn(&Person) -> bool) -> Vec<Person> {
        self.people().await.into_iter().filter(pick).collect()
    }

    /// The active plain users of `account`, by id.
    pub async fn plain_users_of(&self, account: i64) -> Vec<Person> {
        self.people_where(|p| p.is_active_user_of(account)).await
    }

    /// The active plain users of `account` who belong to no other account, by id.
    pub async fn plain_users_only_in(&self, account: i64) -> Vec<Person> {
        self.people_where(|p| p.is_active_user_of(account) && p.memberships.len() == 1)
            .await
    }

    /// The active people without a password (none of the demo's sign-ins) who are a plain user
    /// of two accounts, by id.
    pub async fn shared_plain_users(&self) -> Vec<Person> {
        self.people_where(|p| {
            let plain = p.memberships.iter().filter(|m| m.role == Role::User);
            p.state == UserState::Active && !p.has_password && plain.count() == 2
        })
        .await
    }

    /// The people in `state` who belong to `accounts` accounts, by id.
    pub async fn people_in(&self, state: UserState, accounts: usize) -> Vec<Person> {
        self.people_where(|p| p.state == state && p.memberships.len() == accounts)
            .await
    }

    /// The admins of `account`, whatever their state, by id.
    pub async fn admins_of(&self, account: i64) -> Vec<i64> {
        let admins = self.people_where(|p| p.role_in(account) == Some(Role::Admin));
        admins.await.into_iter().map(|p| p.id).collect()
    }

    /// The plain users of `account` holding a seat of it, whatever their state, by id.
    pub async fn seat_holders(&self, account: i64) -> Vec<i64> {
        let holders = self
            .people_where(|p| p.role_in(account) == Some(Role::User) && p.is_licensed_in(account));
        holders.await.into_iter().map(|p| p.id).collect()
    }
}
