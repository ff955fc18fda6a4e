//! Parts of the `pith` command line kept out of `main.rs`: how messages
//! are written, the values options take, and checks made before a run.

pub mod messages;
pub mod stdout;
pub mod values;
