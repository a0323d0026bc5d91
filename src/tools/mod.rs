//! Tools around the spec language, built on the pipeline's stages: the
//! formatter (`ravel fmt`), the language server (`ravel lsp`) and the
//! interactive explorer (`ravel explore`).

pub mod explore;
pub mod fmt;
pub mod lsp;
