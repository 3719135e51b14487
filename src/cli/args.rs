//! A small argument reader: options may come in any order (`--name VALUE` or `--name=VALUE`), whatever is
//! left is positional, and anything not consumed is an error that points at `--help`.

use crate::error::{Error, Result};

/// The words after the command name.
pub struct Args {
    words: Vec<String>,
    command: String,
}

impl Args {
    pub fn new(command: &str, words: Vec<String>) -> Args {
        Args { words, command: command.to_string() }
    }

    /// True (and consumed) when `--name` is present.
    pub fn flag(&mut self, name: &str) -> bool {
        let before = self.words.len();
        self.words.retain(|w| w != name);
        self.words.len() != before
    }

    /// Every value given for `--name`, in order.
    pub fn values(&mut self, name: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut i = 0;
        let prefix = format!("{name}=");
        while i < self.words.len() {
            if self.words[i] == name {
                if i + 1 >= self.words.len() || self.words[i + 1].starts_with("--") {
                    return Err(self.usage(&format!("{name} needs a value")));
                }
                out.push(self.words.remove(i + 1));
                self.words.remove(i);
            } else if let Some(v) = self.words[i].strip_prefix(&prefix) {
                out.push(v.to_string());
                self.words.remove(i);
            } else {
                i += 1;
            }
        }
        Ok(out)
    }

    /// The value of `--name`, if given once; given twice is an error.
    pub fn value(&mut self, name: &str) -> Result<Option<String>> {
        let mut v = self.values(name)?;
        if v.len() > 1 {
            return Err(self.usage(&format!("{name} is given more than once")));
        }
        Ok(v.pop())
    }

    /// The next positional word.
    pub fn positional(&mut self) -> Option<String> {
        let i = self.words.iter().position(|w| !w.starts_with("--") || w == "--")?;
        if self.words[i] == "--" {
            self.words.remove(i);
            return (i < self.words.len()).then(|| self.words.remove(i));
        }
        Some(self.words.remove(i))
    }

    /// The first word, when it is not an option: the sub-subcommand of `plan add`, `audit set`, ….
    /// Taken before any option so that an option's value is never mistaken for it.
    pub fn subcommand(&mut self) -> Option<String> {
        match self.words.first() {
            Some(w) if !w.starts_with('-') => Some(self.words.remove(0)),
            _ => None,
        }
    }

    /// Every remaining positional word (after options have been taken).
    pub fn rest(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        while let Some(w) = self.positional() {
            out.push(w);
        }
        out
    }

    /// Fails if any word was not understood.
    pub fn finish(self) -> Result<()> {
        match self.words.first() {
            None => Ok(()),
            Some(w) => Err(self.usage(&format!("unexpected `{w}`"))),
        }
    }

    /// Like [`Args::finish`], but keeps `self` for later usage errors.
    pub fn finish_ref(&mut self) -> Result<()> {
        match self.words.first() {
            None => Ok(()),
            Some(w) => Err(self.usage(&format!("unexpected `{w}`"))),
        }
    }

    /// An error that names the problem and where to read more.
    pub fn usage(&self, problem: &str) -> Error {
        Error::Invalid(format!("{problem}; see `sanctuary {} --help`", self.command))
    }
}

impl Args {
    /// Gives back the words not yet consumed.
    pub fn into_words(self) -> Vec<String> {
        self.words
    }
}
