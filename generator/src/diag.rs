//! Diagnostics: every error and warning names the file and the place in it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input something was found: a JSON pointer, a line, or the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole (missing, unreadable).
    File,
    /// A line and column (1-based), for syntax errors.
    Line { line: usize, column: usize },
    /// An RFC 6901 JSON pointer into the document.
    Pointer(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File => Ok(()),
            Place::Line { line, column } => write!(f, ":{line}:{column}"),
            Place::Pointer(p) => write!(f, "#{}", if p.is_empty() { "/" } else { p }),
        }
    }
}

/// A generator error: names the file and the place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: PathBuf,
    pub place: Place,
    pub message: String,
}

impl Error {
    pub fn new(file: &Path, place: Place, message: impl Into<String>) -> Self {
        Error {
            file: file.to_path_buf(),
            place,
            message: message.into(),
        }
    }

    pub fn at(file: &Path, pointer: &str, message: impl Into<String>) -> Self {
        Self::new(file, Place::Pointer(pointer.to_string()), message)
    }

    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Self::new(file, Place::File, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}{}: {}", self.file.display(), self.place, self.message)
    }
}

impl std::error::Error for Error {}

/// A tolerated defect: the generator went on, and says what it assumed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Warning {
    pub file: PathBuf,
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: {}#{}: {}", self.file.display(), self.pointer, self.message)
    }
}

/// Collects warnings for one input file.
#[derive(Debug, Default)]
pub struct Warnings {
    pub items: Vec<Warning>,
}

impl Warnings {
    pub fn push(&mut self, file: &Path, pointer: &str, message: impl Into<String>) {
        self.items.push(Warning {
            file: file.to_path_buf(),
            pointer: pointer.to_string(),
            message: message.into(),
        });
    }
}

pub use crate::doc::pointer::{escape as escape_token, join};
