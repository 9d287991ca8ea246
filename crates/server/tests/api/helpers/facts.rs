//! Facts read or set underneath the API, with SQL: ids by name, counts, an admin made, and a
//! scan of the whole database for a text. The SQL stays here, out of the tests.

use super::TestApp;

impl TestApp {
    /// The id of the demo account called `name`.
    pub async fn account_id(&self, name: &str) -> i64 {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE name = ?1")
            .bind(name)
            .fetch_one(&self.db)
            .await
            .unwrap();
        id
    }

    /// The id of the person whose username is `username`.
    pub async fn user_id(&self, username: &str) -> i64 {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM users WHERE username_key = ?1")
            .bind(username)
            .fetch_one(&self.db)
            .await
            .unwrap();
        id
    }

    /// The id of the group called `name` in `account`.
    pub async fn group_id(&self, account: i64, name: &str) -> i64 {
        let sql = "SELECT id FROM groups WHERE account_id = ?1 AND name = ?2";
        let query = sqlx::query_as(sql).bind(account).bind(name);
        let (id,): (i64,) = query.fetch_one(&self.db).await.unwrap();
        id
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
        let (n,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.account_id = ?1 AND m.role = 'admin' AND u.state = 'active'",
        )
        .bind(account)
        .fetch_one(&self.db)
        .await
        .unwrap();
        usize::try_from(n).unwrap()
    }

    /// Makes `email` an admin of `account` holding every top level (arranged underneath the API).
    pub async fn make_top_admin(&self, account: i64, email: &str) {
        let user = self.user_id(email).await;
        sqlx::query(
            "UPDATE memberships SET role = 'admin',
                    authorities = '{\"records\":\"E\",\"interaction\":\"approve\",\"dr\":\"DR4\"}'
             WHERE account_id = ?1 AND user_id = ?2",
        )
        .bind(account)
        .bind(user)
        .execute(&self.db)
        .await
        .unwrap();
    }

    /// Every `table.column` of the database in which `text` appears.
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
