//! The commands, one module each, on top of the library: each takes its validated request (built
//! by [`crate::cli`]) and returns an [`crate::Outcome`] (output, notes, status and the files to
//! write), which [`crate::run`] writes and prints. A command imports only the layers below it
//! (`name`, `source`, `groups`, `records`, `index`, `render`, `mail`, ...), never another
//! command: what two commands share lives in one of those layers.

pub mod adopt;
pub mod bump;
pub mod check;
pub mod doctor;
pub mod email;
pub mod index;
pub mod init;
pub mod render;
pub mod submit;
