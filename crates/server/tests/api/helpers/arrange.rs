//! Facts set underneath the API, through the server's store, so that arranging a test does not
//! depend on the checks under test: grants and roles, states, seats, groups, an account, a join
//! request, a password, a PIN, a portal key, links, embedded sessions and their tokens and import
//! answers made older, and an email left half sent.

use super::{ADMIN, TestApp};
use roster_domain::authz::{Grants, Role};
use roster_domain::group_policy::GroupPolicy;
use roster_domain::lifecycle::UserState;
use roster_server::store;
use roster_server::store::join_requests::NewRequest;
use serde_json::json;

/// Far in the future: 2100-01-01.
const NEVER: i64 = 4_102_444_800;

/// Every top level of the default policy.
fn top() -> Grants {
    serde_json::from_value(json!({"records": "E", "interaction": "approve", "dr": "DR4"})).unwrap()
}

impl TestApp {
    /// Sets `user`'s role and authorities in `account`.
    pub async fn set_grants(&self, account: i64, user: i64, role: Role, grants: &Grants) {
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::set_grants(&mut conn, account, user, role, grants)
            .await
            .unwrap();
    }

    /// Makes `email` an admin of `account` holding every top level.
    pub async fn make_top_admin(&self, account: i64, email: &str) {
        let user = self.user_id(email).await;
        self.set_grants(account, user, Role::Admin, &top()).await;
    }

    /// Sets `user`'s role in `account`, their authorities as they are.
    pub async fn set_role(&self, account: i64, user: i64, role: Role) {
        let held = self.member(account, user).await.expect("a member");
        self.set_grants(account, user, role, &held.grants).await;
    }

    /// Sets `user`'s authorities in `account`, their role as it is.
    pub async fn set_authorities(&self, account: i64, user: i64, grants: &Grants) {
        let held = self.member(account, user).await.expect("a member");
        self.set_grants(account, user, held.role, grants).await;
    }

    /// Puts `user` in `state`, nothing else changed: locked for good if `Locked`.
    pub async fn put_in_state(&self, user: i64, state: UserState) {
        let until = (state == UserState::Locked).then_some(NEVER);
        let mut conn = self.db.acquire().await.unwrap();
        store::logins::put_in_state(&mut conn, user, state, until)
            .await
            .unwrap();
    }

    /// Gives `user` a seat in `account`, or takes theirs.
    pub async fn set_licensed(&self, account: i64, user: i64, licensed: bool) {
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::set_licensed(&mut conn, account, user, licensed)
            .await
            .unwrap();
    }

    /// A new group of `account` named `name`, with the default policy; its id.
    pub async fn new_group(&self, account: i64, name: &str) -> i64 {
        let key = store::text::fold(name);
        let mut conn = self.db.acquire().await.unwrap();
        store::groups::insert(&mut conn, account, name, &key, &GroupPolicy::default())
            .await
            .unwrap()
    }

    /// Puts `user` in group `group` of `account`.
    pub async fn move_to_group(&self, account: i64, user: i64, group: i64) {
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::set_group(&mut conn, account, user, group)
            .await
            .unwrap();
    }

    /// A new account named `name` with `seats` seats, no approved domain and the policy of
    /// account `like`, whose only member is `admin`, at every top level and without a seat; its
    /// id.
    pub async fn new_account(&self, name: &str, seats: i64, like: i64, admin: i64) -> i64 {
        let policy = serde_json::to_string(&self.policy_of(like).await).unwrap();
        let mut tx = self.db.begin().await.unwrap();
        let account = store::demo::insert_account(&mut tx, name, seats, &[], &policy)
            .await
            .unwrap();
        let group = store::demo::insert_group(&mut tx, account, "Default", true)
            .await
            .unwrap();
        let top = serde_json::to_value(top()).unwrap();
        store::demo::insert_member(&mut tx, account, admin, "admin", group, false, &top, 0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        account
    }

    /// A join request waiting in `account` for the first person outside it, made by its first
    /// admin, for a plain membership without a seat in its default group; its id.
    pub async fn waiting_join_request(&self, account: i64) -> i64 {
        let people = self.people().await;
        let person = people.iter().find(|p| !p.is_member_of(account)).unwrap();
        let actor = self.admins_of(account).await[0];
        let group = self.default_group(account).await;
        let hash = format!("matrix-{}", person.id);
        let request = NewRequest {
            account,
            user: person.id,
            email: &person.email,
            actor,
            role: Role::User,
            group,
            grants: &Grants::new(),
            licensed: false,
            hash: &hash,
            now: 0,
            expires_at: NEVER,
        };
        let mut tx = self.db.begin().await.unwrap();
        let id = store::join_requests::upsert(&mut tx, &request)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// Gives `user` the password of the demo's sign-ins, so that they can sign in.
    pub async fn give_demo_password(&self, user: i64) {
        let admin = self.user_id(ADMIN).await;
        let mut conn = self.db.acquire().await.unwrap();
        let hash = store::logins::password_hash(&mut conn, admin)
            .await
            .unwrap();
        store::logins::set_password_hash(&mut conn, user, &hash.unwrap())
            .await
            .unwrap();
    }

    /// Gives `user` an authorization number whose PIN is `pin` (the number itself is never
    /// compared by the server, only its hash kept).
    pub async fn give_pin(&self, user: i64, pin: &str) {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let hash = |text: &str| {
            argon2::Argon2::default()
                .hash_password(text.as_bytes(), &SaltString::generate(&mut OsRng))
                .unwrap()
                .to_string()
        };
        let mut conn = self.db.acquire().await.unwrap();
        store::me::set_authorization(
            &mut conn,
            user,
            &hash(&format!("{pin}000000")),
            &hash(pin),
            0,
        )
        .await
        .unwrap();
    }

    /// Moves the expiry of `user`'s links `seconds` earlier.
    pub async fn expire_links_earlier(&self, user: i64, seconds: i64) {
        let mut conn = self.db.acquire().await.unwrap();
        store::tokens::expire_earlier(&mut conn, user, seconds)
            .await
            .unwrap();
    }

    /// A portal key of `account` named `name` (its secret unknown to anyone); answers its id.
    pub async fn portal_key(&self, account: i64, name: &str) -> i64 {
        let mut tx = self.db.begin().await.unwrap();
        let hash = format!("matrix-{account}-{name}");
        let id = store::embed::insert_key(&mut tx, account, name, &hash, None, 0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    /// Moves the expiry of every embedded session's token `seconds` earlier.
    pub async fn expire_embed_tokens_earlier(&self, seconds: i64) {
        let mut conn = self.db.acquire().await.unwrap();
        store::embed::expire_tokens_earlier(&mut conn, seconds)
            .await
            .unwrap();
    }

    /// Moves the end of every embedded session `seconds` earlier (not its last use).
    pub async fn expire_embedded_sessions_earlier(&self, seconds: i64) {
        let mut conn = self.db.acquire().await.unwrap();
        store::embed::expire_sessions_earlier(&mut conn, seconds)
            .await
            .unwrap();
    }

    /// Makes the import answers kept under `key` `seconds` older.
    pub async fn age_answers(&self, key: &str, seconds: i64) {
        let mut conn = self.db.acquire().await.unwrap();
        store::imports::age_answers(&mut conn, key, seconds)
            .await
            .unwrap();
    }

    /// Leaves email `id` `sending`, as a run that stopped after claiming it does.
    pub async fn leave_sending(&self, id: i64) {
        store::outbox::leave_sending(&self.db, id).await.unwrap();
    }
}
