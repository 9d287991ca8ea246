//! Facts read or set underneath the API: ids by name, counts, an admin made, through the
//! server's own store where it has the query; the few queries of the tests' own (a number by
//! SQL, a scan of every column) stay here, out of the tests.

use super::TestApp;
use roster_domain::authz::{Grants, Role};
use roster_server::store;

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
        let mut conn = self.db.acquire().await.unwrap();
        let groups = store::groups::names(&mut conn, account).await.unwrap();
        let found = groups.into_iter().find(|(_, n, _)| n == name);
        found
            .unwrap_or_else(|| panic!("no group {name} in {account}"))
            .0
    }

    /// One number about `id`, read underneath the API.
    pub async fn number(&self, sql: &str, id: i64) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql)
            .bind(id)
            .fetch_one(&self.db)
            .await
            .unwrap();
        n
    }

    /// How many memberships are in `group`.
    pub async fn members_of(&self, group: i64) -> i64 {
        self.number(
            "SELECT count(*) FROM memberships WHERE group_id = ?1",
            group,
        )
        .await
    }

    /// The active admins of `account`, read underneath the API.
    pub async fn active_admins(&self, account: i64) -> usize {
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::active_admins(&mut conn, account)
            .await
            .unwrap()
    }

    /// Makes `email` an admin of `account` holding every top level (arranged underneath the API).
    pub async fn make_top_admin(&self, account: i64, email: &str) {
        let user = self.user_id(email).await;
        let top: Grants = serde_json::from_value(serde_json::json!(
            {"records": "E", "interaction": "approve", "dr": "DR4"}
        ))
        .unwrap();
        let mut conn = self.db.acquire().await.unwrap();
        store::memberships::set_grants(&mut conn, account, user, Role::Admin, &top)
            .await
            .unwrap();
    }

    /// Every `table.column` of the database in which `text` appears. SQLite's own catalogue: a
    /// second database would read its own.
    pub async fn places_holding(&self, text: &str) -> Vec<String> {
        let columns: Vec<(String, String)> = sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table'",
        )
        .fetch_all(&self.db)
        .await
        .unwrap();
        assert!(
            columns.len() > 30,
            "every column of every table: {}",
            columns.len()
        );
        let mut found = Vec::new();
        for (table, column) in columns {
            let sql = format!(
                "SELECT count(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS TEXT), ?1) > 0"
            );
            let (n,): (i64,) = sqlx::query_as(&sql)
                .bind(text)
                .fetch_one(&self.db)
                .await
                .unwrap();
            if n > 0 {
                found.push(format!("{table}.{column}"));
            }
        }
        found
    }
}
