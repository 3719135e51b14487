//! Bounded walks over an office file's XML, so that no document can exhaust the stack: the depth
//! the readers' own recursive walks may reach, and the iterative text collection that takes over
//! below it (content nested deeper than [`MAX_DEPTH`] is kept as plain paragraphs of its words,
//! never dropped and never followed further by recursion).
//!
//! Also: finding the outermost descendants that match (a text box inside a text box is read once,
//! by the outer one, not again on its own, which on a hostile file would be exponential).
//!
//! Not for: what each format's elements mean (see `docx`, `pptx`, `odf`).

use roxmltree::Node;

use super::model::{Block, Run};

/// How many levels of the readers' own recursion (blocks, tables, cells, groups, inline
/// containers) a document may use before its deeper content is flattened into paragraphs. Real
/// documents nest tables a few levels at most; each level costs a few stack frames.
pub(super) const MAX_DEPTH: usize = 48;

/// What a format says about its elements when their words are gathered without structure.
pub(super) struct Words {
    /// Elements left out with everything inside them (deletions, comments, notes, hidden runs).
    pub skip: fn(Node) -> bool,
    /// The words an element or text node stands for itself (`w:t`'s text, a tab as a space).
    pub piece: for<'a, 'i> fn(Node<'a, 'i>) -> Option<&'a str>,
    /// Elements that start a new line (paragraphs).
    pub line: fn(Node) -> bool,
}

/// The words of `node`'s subtree in document order, one line per paragraph, gathered with an
/// explicit stack (linear in the subtree's size, whatever its depth).
pub(super) fn text(node: Node, words: &Words) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.is_element() && (words.skip)(n) {
            continue;
        }
        if (words.line)(n) && !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if let Some(t) = (words.piece)(n) {
            out.push_str(t);
        }
        let first = stack.len();
        stack.extend(n.children());
        stack[first..].reverse();
    }
    out
}

/// Flattened words as paragraphs: one a line, blank lines left out, white space made single.
pub(super) fn paragraphs(text: &str) -> Vec<Block> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph { runs: vec![Run::plain(l)] })
        .collect()
}

/// Descendants of `node` (not `node` itself) for which `hit` is true, in document order, without
/// looking inside a hit: only the outermost ones.
pub(super) fn outermost<'a, 'i>(node: Node<'a, 'i>, hit: impl Fn(Node) -> bool) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    let mut stack: Vec<Node> = node.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if hit(n) {
            out.push(n);
            continue;
        }
        let first = stack.len();
        stack.extend(n.children());
        stack[first..].reverse();
    }
    out
}
