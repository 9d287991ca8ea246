//! Search text: lower-cased and stripped of accents, so `zoe` finds Zoë and `FRANCOIS` François.

mod account;
mod haystack;
mod index;

pub use account::{Filter, Sort};
pub use index::{Index, Page};

pub use crate::store::text::fold;
