//! Facts read underneath the API, through the server's store: ids by name, members and their
//! standing, groups, counts, and where the outbox stands.

use super::TestApp;
use roster_domain::authz::{AuthzPolicy, Member};
use roster_domain::lifecycle::UserState;
use roster_server::store;
use roster_server::store::outbox::Delivery;

impl TestApp {
    /// The id of the demo account called `name`.
    pub async fn account_id(&self, name: &str) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        let ids = store::accounts::ids_named(&mut conn, name).await.unwrap();
        assert_eq!(ids.len(), 1, "one account named {name}");
        ids[0]
    }

    /// The id of the person whose username is `username`.
    pub async fn user_id(&self, username: &str) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        let found = store::logins::by_username(&mut conn, &username.to_lowercase()).await;
        found
            .unwrap()
            .unwrap_or_else(|| panic!("no login {username}"))
            .0
    }

    /// The id of the group called `name` in `account`.
    pub async fn group_id(&self, account: i64, name: &str) -> i64 {
        self.group_name_and_id(account, |(_, n)| n == name)
            .await
            .unwrap_or_else(|| panic!("no group {name} in {account}"))
            .0
    }

    /// The name of group `group` of `account`, if it has one.
    pub async fn group_name(&self, account: i64, group: i64) -> Option<String> {
        let found = self.group_name_and_id(account, |(id, _)| *id == group);
        found.await.map(|(_, name)| name)
    }

    async fn group_name_and_id(
        &self,
        account: i64,
        pick: impl Fn(&(i64, String)) -> bool,
    ) -> Option<(i64, String)> {
        let mut conn = self.db.acquire().await.unwrap();
        let groups = store::groups::names(&mut conn, account).await.unwrap();
        groups.into_iter().map(|(id, n, _)| (id, n)).find(pick)
    }

    /// How many groups `account` has.
    pub async fn group_count(&self, account: i64) -> usize {
        let mut conn = self.db.acquire().await.unwrap();
        let groups = store::groups::names(&mut conn, account).await.unwrap();
        groups.len()
    }

    /// The default group of `account`.
    pub async fn default_group(&self, account: i64) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        let found = store::groups::id_in(&mut conn, account, None).await;
        found.unwrap().expect("a default group")
    }

    /// The version (the ETag) of group `group` of `account`.
    pub async fn group_version(&self, account: i64, group: i64) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        let found = store::groups::of_account(&mut conn, account, Some(group)).await;
        found.unwrap()[0].version
    }

    /// The members of group `group` of `account`, as the rules see them.
    pub async fn group_members(&self, account: i64, group: i64) -> Vec<Member<i64>> {
        let mut conn = self.db.acquire().await.unwrap();
        let members = store::memberships::of_group(&mut conn, account, group).await;
        members.unwrap()
    }

    /// How many memberships are in group `group` of `account`.
    pub async fn members_of(&self, account: i64, group: i64) -> i64 {
        self.group_members(account, group).await.len() as i64
    }

    /// `user`'s membership of `account` as the rules see it, if they are a member.
    pub async fn member(&self, account: i64, user: i64) -> Option<Member<i64>> {
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::member(&mut conn, account, user)
            .await
            .unwrap()
    }

    /// `user`'s memberships, each with its account, by account.
    pub async fn memberships_of(&self, user: i64) -> Vec<(i64, Member<i64>)> {
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::of_users(&mut conn, &[user])
            .await
            .unwrap()
    }

    /// Whether `user` is a member of `account`.
    pub async fn is_member(&self, account: i64, user: i64) -> bool {
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::exists(&mut conn, account, user)
            .await
            .unwrap()
    }

    /// How many members `account` has.
    pub async fn member_count(&self, account: i64) -> i64 {
        let people = self.people().await;
        people.iter().filter(|p| p.is_member_of(account)).count() as i64
    }

    /// How many memberships there are, in every account.
    pub async fn membership_count(&self) -> i64 {
        let people = self.people().await;
        people.iter().map(|p| p.memberships.len() as i64).sum()
    }

    /// Whether `user`, a member of `account`, holds a seat of it.
    pub async fn is_licensed(&self, account: i64, user: i64) -> bool {
        let mut conn = self.db.acquire().await.unwrap();
        let detail = store::people::member_detail(&mut conn, account, user).await;
        detail.unwrap().expect("a member").licensed
    }

    /// The state of `user`, a member of `account`, and the name of their group there.
    pub async fn state_and_group(&self, account: i64, user: i64) -> (UserState, String) {
        let mut conn = self.db.acquire().await.unwrap();
        let detail = store::people::member_detail(&mut conn, account, user).await;
        let detail = detail.unwrap().expect("a member");
        (detail.state, detail.group_name)
    }

    /// The active admins of `account`, read underneath the API.
    pub async fn active_admins(&self, account: i64) -> usize {
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::active_admins(&mut conn, account)
            .await
            .unwrap()
    }

    /// The authorization policy of `account`.
    pub async fn policy_of(&self, account: i64) -> AuthzPolicy {
        let mut conn = self.db.acquire().await.unwrap();
        store::accounts::policy(&mut conn, account).await.unwrap()
    }

    /// How many accounts there are.
    pub async fn account_count(&self) -> i64 {
        store::demo::account_count(&self.db).await.unwrap()
    }

    /// `user`'s email.
    pub async fn email_of(&self, user: i64) -> String {
        let mut conn = self.db.acquire().await.unwrap();
        store::logins::email(&mut conn, user).await.unwrap()
    }

    /// `user`'s state.
    pub async fn state_of(&self, user: i64) -> UserState {
        let mut conn = self.db.acquire().await.unwrap();
        store::logins::state(&mut conn, user).await.unwrap()
    }

    /// How many logins there are.
    pub async fn login_count(&self) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        let logins = store::logins::everyone(&mut conn).await.unwrap();
        logins.len() as i64
    }

    /// How many logins there are other than those with `emails`, and the sum of their versions:
    /// what changes when any of them does.
    pub async fn logins_besides(&self, emails: &[&str]) -> (i64, i64) {
        let mut conn = self.db.acquire().await.unwrap();
        let logins = store::logins::everyone(&mut conn).await.unwrap();
        let others = logins
            .iter()
            .filter(|l| !emails.contains(&l.email.as_str()));
        others.fold((0, 0), |(n, sum), l| (n + 1, sum + l.version))
    }

    /// When the invitation of `user`, invited to `account`, was sent.
    pub async fn invitation_sent_at(&self, account: i64, user: i64) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        let (waiting, _) = store::invitations::page(&mut conn, account, None, 0, 1, 10_000)
            .await
            .unwrap();
        let invitation = waiting.into_iter().find(|i| i.id == user);
        invitation.expect("invited").sent_at.expect("a link")
    }

    /// How many join requests wait, in every account.
    pub async fn join_request_count(&self) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        store::join_requests::count(&mut conn).await.unwrap()
    }

    /// How many answers `account` keeps for import chunks sent with `key` (0 or 1).
    pub async fn answers_kept(&self, account: i64, key: &str) -> i64 {
        let mut conn = self.db.acquire().await.unwrap();
        // Forgetting the answers kept from before the dawn of time forgets none.
        let kept = store::imports::answered(&mut conn, account, key, i64::MIN).await;
        i64::from(kept.unwrap().is_some())
    }

    /// Every email of the outbox with where its delivery stands, by id.
    pub async fn outbox(&self) -> Vec<Delivery> {
        store::outbox::deliveries(&self.db).await.unwrap()
    }

    /// Every `table.column` of the database in which `text` appears.
    pub async fn places_holding(&self, text: &str) -> Vec<String> {
        let mut conn = self.db.acquire().await.unwrap();
        let columns = store::columns(&mut conn).await.unwrap();
        assert!(
            columns.len() > 30,
            "every column of every table: {}",
            columns.len()
        );
        let mut found = Vec::new();
        for (table, column) in columns {
            if store::column_holds(&mut conn, &table, &column, text)
                .await
                .unwrap()
            {
                found.push(format!("{table}.{column}"));
            }
        }
        found
    }
}
