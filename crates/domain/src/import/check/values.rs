//! A row's values by template column: borrowed for the checks, owned for the server.

use super::Checker;
use crate::import::Field;
use crate::import::row::{RowValues, RowView};

impl Checker {
    /// A row's values by template column, borrowed.
    pub fn view(&self, index: usize) -> RowView<'_> {
        let mut view = RowView::default();
        let Some(row) = self.sheet.rows.get(index) else {
            return view;
        };
        for (cell, field) in row.cells().zip(&self.sheet.columns) {
            let Some(field) = field else { continue };
            match field {
                Field::Email => view.email = cell,
                Field::FirstName => view.first_name = cell,
                Field::LastName => view.last_name = cell,
                Field::Username => view.username = cell,
                Field::Phone => view.phone = cell,
                Field::Language => view.language = cell,
                Field::Group => view.group = cell,
                Field::Role => view.role = cell,
                Field::Licence => view.licence = cell,
                Field::ExchangeDomain => view.exchange_domain = cell,
                Field::ExchangeUsername => view.exchange_username = cell,
                Field::Authority(kind) if !cell.is_empty() => view.authorities.push((kind, cell)),
                Field::Authority(_) => {}
            }
        }
        view
    }

    /// A row's values by template column, as the server wants them.
    pub fn values(&self, index: usize) -> RowValues {
        self.view(index).to_values()
    }
}
