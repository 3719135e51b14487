//! Finding a framework's criteria in a document written in the school's own words: a heading such
//! as "Criterion 1 – Staff and governors learn", "6) Public pledge" or "Public pledge", a strand
//! heading such as "LEARN", and the account headings the app's own Word export writes ("What we
//! already do", "Our account"). Numbers and title words are both used: a number alone is trusted
//! after the word "criterion", otherwise the words must agree with it.
//!
//! Not for: reading files (see `office`, `review`), nor deciding what text belongs where (see
//! [`Tracker`]).

use crate::audit::Account;
use crate::framework::Framework;
use crate::i18n::Lang;

/// What a heading-like line names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Criterion(String),
    Strand(String),
    Account(Account),
    Nothing,
}

/// Words that say nothing about which criterion is meant.
const STOP: &[&str] = &[
    "the", "and", "of", "a", "an", "to", "in", "for", "our", "we", "is", "are", "with", "on", "at", "by", "all", "its",
    "a'r", "yn", "y", "yr", "ac", "i", "o", "ar", "eu", "ein",
];
/// Words that may come before a criterion's number.
const CRITERION_WORDS: &[&str] = &["criterion", "criteria", "crit", "maen", "prawf", "meini", "no", "number", "rhif"];
/// Words that may come with a strand's name.
const STRAND_WORDS: &[&str] = &["strand", "llinyn", "section", "adran", "part", "rhan", "stage"];

/// The first letters of a word, so that "learn", "learning" and "learners" count as one.
fn stem(word: &str) -> String {
    word.chars().take(5).collect()
}

/// Lower-case words of `text`, apostrophes kept inside words.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’').replace('’', "'"))
        .filter(|w| !w.is_empty())
        .collect()
}

fn significant(text: &str) -> Vec<String> {
    words(text).into_iter().filter(|w| !STOP.contains(&w.as_str())).map(|w| stem(&w)).collect()
}

/// A framework's criteria, strands and account headings, ready to be looked for.
pub struct Locator {
    criteria: Vec<(String, u32, Vec<Vec<String>>)>,
    strands: Vec<(String, Vec<Vec<String>>)>,
    accounts: Vec<(String, Account)>,
}

impl Locator {
    pub fn new(fw: &Framework) -> Locator {
        let titles = |en: &str, cy: &str| {
            let mut t = vec![significant(en)];
            if !cy.is_empty() {
                t.push(significant(cy));
            }
            t
        };
        let criteria = fw.criteria.iter().map(|c| (c.key.clone(), c.number, titles(&c.title, &c.title_cy))).collect();
        let strands = fw.strands.iter().map(|s| (s.key.clone(), titles(&s.name, &s.name_cy))).collect();
        let mut accounts = Vec::new();
        for lang in Lang::ALL {
            for a in Account::ALL {
                accounts.push((words(lang.t(a.title_key())).join(" "), a));
            }
        }
        Locator { criteria, strands, accounts }
    }

    /// How well `found` (significant words of a line) covers a criterion's title, 0 to 1.
    fn score(titles: &[Vec<String>], found: &[String]) -> f32 {
        titles
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.iter().filter(|w| found.contains(w)).count() as f32 / t.len() as f32)
            .fold(0.0, f32::max)
    }

    /// The criterion whose title `found` covers best, with its score.
    fn best_title(&self, found: &[String]) -> Option<(&str, f32)> {
        self.criteria
            .iter()
            .map(|(k, _, t)| (k.as_str(), Self::score(t, found)))
            .filter(|(_, s)| *s > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// What the heading-like line `text` names.
    pub fn heading(&self, text: &str) -> Found {
        let all = words(text);
        if all.is_empty() || all.len() > 16 {
            return Found::Nothing;
        }
        let joined = all.join(" ");
        if let Some((_, a)) = self.accounts.iter().find(|(t, _)| *t == joined) {
            return Found::Account(*a);
        }
        // A strand: its name, perhaps with "strand" or a number, and nothing else.
        let rest: Vec<String> = all
            .iter()
            .filter(|w| !STRAND_WORDS.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
            .filter(|w| !STOP.contains(&w.as_str()))
            .map(|w| stem(w))
            .collect();
        if let Some((key, _)) = self.strands.iter().find(|(_, names)| names.iter().any(|n| !n.is_empty() && *n == rest)) {
            return Found::Strand(key.clone());
        }
        // An explicit number: "Criterion 6", "6)", "6.", "C6".
        let lead: Vec<&String> = all.iter().take_while(|w| CRITERION_WORDS.contains(&w.as_str())).collect();
        let after_lead = &all[lead.len()..];
        let number = after_lead.first().and_then(|w| {
            let digits = w.trim_start_matches('c');
            (w.chars().last().is_some_and(|c| c.is_ascii_digit())).then(|| digits.parse::<u32>().ok()).flatten()
        });
        let found = significant(&after_lead.iter().skip(number.is_some() as usize).cloned().collect::<Vec<_>>().join(" "));
        let best = self.best_title(&found);
        if let Some(n) = number {
            if let Some((key, _, titles)) = self.criteria.iter().find(|(_, num, _)| *num == n) {
                let own = Self::score(titles, &found);
                let strong_other = best.filter(|(k, s)| *k != key.as_str() && *s >= 0.5 && *s > own);
                if let Some((k, _)) = strong_other {
                    return Found::Criterion(k.to_string());
                }
                if !lead.is_empty() || found.is_empty() || own > 0.0 {
                    return Found::Criterion(key.clone());
                }
            }
            return match best {
                Some((k, s)) if s >= 0.5 => Found::Criterion(k.to_string()),
                _ => Found::Nothing,
            };
        }
        match best {
            Some((k, s)) if s >= 0.6 && found.len() <= 12 => Found::Criterion(k.to_string()),
            _ => Found::Nothing,
        }
    }

    /// Whether a paragraph that is not styled as a heading reads as one: short, and bold, in
    /// capitals, or opening with "Criterion N" or "N)".
    pub fn looks_like_heading(text: &str, bold: bool) -> bool {
        let t = text.trim();
        let n = t.chars().count();
        if n == 0 || n > 100 || t.contains('\n') {
            return false;
        }
        let lower = t.to_lowercase();
        let opens_with_number = lower.starts_with("criterion")
            || lower.starts_with("maen prawf")
            || t.chars().next().is_some_and(|c| c.is_ascii_digit()) && t.chars().skip_while(|c| c.is_ascii_digit()).next().is_some_and(|c| matches!(c, ')' | '.' | ':' | ' '));
        let capitals = t.chars().any(|c| c.is_alphabetic()) && !t.chars().any(|c| c.is_lowercase()) && n <= 40;
        (bold && !t.ends_with(['.', '?'])) || capitals || (opens_with_number && n <= 80)
    }
}

/// Where a walk through a document is: which criterion and which of its accounts the text now
/// belongs to.
pub struct Tracker<'l> {
    loc: &'l Locator,
    pub criterion: Option<String>,
    pub account: Account,
    /// The heading level the current criterion was named at (None for a bold line or table cell).
    level: Option<u8>,
    /// True once an account heading was met under the current criterion (the app's own layout).
    pub in_account: bool,
    /// Only lines styled as headings name criteria: set for the app's own export, whose bold
    /// audit lines name exhibits whose titles could look like a criterion's.
    pub styled_only: bool,
}

/// What a line was to the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// It named a criterion, which text now belongs to.
    Criterion,
    /// It named a strand or ended the last criterion's section: text now belongs to none.
    Ended,
    /// It named one of the accounts of the current criterion.
    Account,
    /// Ordinary text (or a sub-heading) of wherever the walk is.
    Text,
}

impl<'l> Tracker<'l> {
    pub fn new(loc: &'l Locator) -> Tracker<'l> {
        Tracker { loc, criterion: None, account: Account::Narrative, level: None, in_account: false, styled_only: false }
    }

    /// Feeds one paragraph: `heading` is its heading level, `bold` whether all of it is bold.
    pub fn line(&mut self, text: &str, heading: Option<u8>, bold: bool) -> Step {
        if heading.is_none() && (self.styled_only || !Locator::looks_like_heading(text, bold)) {
            return Step::Text;
        }
        match self.loc.heading(text) {
            Found::Criterion(key) => {
                self.criterion = Some(key);
                self.account = Account::Narrative;
                self.level = heading;
                self.in_account = false;
                Step::Criterion
            }
            Found::Strand(_) => {
                self.criterion = None;
                Step::Ended
            }
            Found::Account(a) if self.criterion.is_some() => {
                self.account = a;
                self.in_account = true;
                Step::Account
            }
            // A heading that names nothing ends the criterion when it is as high as the criterion's
            // own (or, under a criterion named by a bold line, a top-level heading).
            _ => match (heading, self.level) {
                (Some(l), cl) if self.criterion.is_some() && l <= cl.unwrap_or(2) => {
                    self.criterion = None;
                    Step::Ended
                }
                _ => Step::Text,
            },
        }
    }

    /// Names the criterion of a table row from its first cell, when it names one; true if it did.
    pub fn row(&mut self, first_cell: &str) -> bool {
        match self.loc.heading(first_cell) {
            Found::Criterion(key) => {
                self.criterion = Some(key);
                self.account = Account::Narrative;
                self.in_account = false;
                true
            }
            _ => false,
        }
    }
}
