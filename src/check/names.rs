//! Names: what a global name denotes, the locals of the frame being
//! checked (with shadowing), and "did you mean" suggestions.

use crate::check::ir::{self, FnId, LocalId, TypeId, VarId};
use crate::source::Span;
use crate::syntax::ast;

/// What a global name denotes. Indices count declarations of that kind in
/// source order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Global {
    /// The n-th `const`.
    Const(usize),
    /// The n-th `type`.
    Type(usize),
    /// A state variable.
    Var(VarId),
    /// A helper function.
    Fn(FnId),
    /// An action.
    Action,
    /// A property.
    Property,
    /// A kind of process.
    Process,
    /// A channel.
    Channel,
}

impl Global {
    /// What it is, in words for messages.
    pub(super) fn what(self) -> &'static str {
        match self {
            Global::Const(_) => "constant",
            Global::Type(_) => "type",
            Global::Var(_) => "state variable",
            Global::Fn(_) => "function",
            Global::Action => "action",
            Global::Property => "property",
            Global::Process => "process",
            Global::Channel => "channel",
        }
    }
}

/// How a local came to be, for "cannot assign" messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LocalKind {
    /// A function parameter.
    Param,
    /// A `let`.
    Let,
    /// Bound by a pattern (action parameter, quantifier, `choose`, ...).
    Bound,
}

impl LocalKind {
    /// What it is, in words.
    pub(super) fn what(self) -> &'static str {
        match self {
            LocalKind::Param => "function parameter",
            LocalKind::Let => "`let` binding",
            LocalKind::Bound => "bound name",
        }
    }
}

/// The locals of one frame and the names visible at this point.
#[derive(Default)]
pub(super) struct Scope {
    /// Every local allocated so far in this frame.
    pub(super) frame: ir::Frame,
    kinds: Vec<LocalKind>,
    visible: Vec<(String, LocalId)>,
    /// Where each local is bound, and the end of the construct that binds
    /// it (`u32::MAX`: the frame's), for the symbol index.
    bound: Vec<Option<(Span, u32)>>,
    /// The ends of the constructs entered, innermost last.
    ends: Vec<u32>,
    /// Names bound by an `is` pattern whose scope has ended, with where
    /// a later use gets "out of scope", not "unknown".
    expired: Vec<String>,
}

impl Scope {
    /// Allocate a local and make its name visible.
    pub(super) fn bind(&mut self, name: &str, ty: TypeId, kind: LocalKind) -> LocalId {
        let id = LocalId(self.frame.locals.len() as u32);
        self.frame.locals.push(ir::LocalDef {
            name: name.to_string(),
            ty,
        });
        self.kinds.push(kind);
        self.visible.push((name.to_string(), id));
        self.bound.push(None);
        id
    }

    /// [`Scope::bind`] a name written in the spec, noting where (for the
    /// symbol index).
    pub(super) fn bind_at(&mut self, name: &ast::Ident, ty: TypeId, kind: LocalKind) -> LocalId {
        let id = self.bind(&name.name, ty, kind);
        let end = self.ends.last().copied().unwrap_or(u32::MAX);
        if let Some(slot) = self.bound.last_mut() {
            *slot = Some((name.span, end));
        }
        id
    }

    /// Where a local is bound, and how far its binding construct reaches.
    pub(super) fn bound(&self, id: LocalId) -> Option<(Span, u32)> {
        self.bound.get(id.index()).copied().flatten()
    }

    /// Allocate a local that no name refers to: a slot for code the checker
    /// writes itself (a message being sent, a sender nobody named).
    pub(super) fn fresh(&mut self, name: &str, ty: TypeId, kind: LocalKind) -> LocalId {
        let id = LocalId(self.frame.locals.len() as u32);
        self.frame.locals.push(ir::LocalDef {
            name: name.to_string(),
            ty,
        });
        self.kinds.push(kind);
        self.bound.push(None);
        id
    }

    /// Make another name for an existing local visible.
    pub(super) fn alias(&mut self, name: &str, id: LocalId) {
        self.visible.push((name.to_string(), id));
    }

    /// Enter a construct that ends at `end` (a quantifier, a block, ...):
    /// a mark to return to with [`Scope::leave`].
    pub(super) fn enter(&mut self, end: u32) -> usize {
        self.ends.push(end);
        self.visible.len()
    }

    /// Hide the names bound since `mark`.
    pub(super) fn leave(&mut self, mark: usize) {
        self.visible.truncate(mark);
        self.ends.pop();
    }

    /// How many names are visible: a mark for [`Scope::hide`] and
    /// [`Scope::take`]. Unlike [`Scope::enter`] it opens no construct.
    pub(super) fn mark(&self) -> usize {
        self.visible.len()
    }

    /// Hide the names made visible since `mark` (those an `is` pattern
    /// bound, still visible after its expression), remembering them.
    pub(super) fn hide(&mut self, mark: usize) {
        self.take(mark);
    }

    /// Hide the names made visible since `mark` and hand them back, for
    /// [`Scope::restore`].
    pub(super) fn take(&mut self, mark: usize) -> Vec<(String, LocalId)> {
        let hidden = self.visible.split_off(mark.min(self.visible.len()));
        self.expired
            .extend(hidden.iter().map(|(name, _)| name.clone()));
        hidden
    }

    /// Make names hidden by [`Scope::take`] visible again.
    pub(super) fn restore(&mut self, names: Vec<(String, LocalId)>) {
        self.visible.extend(names);
    }

    /// Whether an `is` pattern bound `name` in a scope that has ended.
    pub(super) fn expired(&self, name: &str) -> bool {
        self.expired.iter().any(|n| n == name)
    }

    /// The innermost visible local with this name.
    pub(super) fn lookup(&self, name: &str) -> Option<LocalId> {
        self.visible
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
    }

    /// A local's type.
    pub(super) fn ty(&self, id: LocalId) -> TypeId {
        self.frame.locals[id.index()].ty
    }

    /// A local's kind.
    pub(super) fn kind(&self, id: LocalId) -> LocalKind {
        self.kinds[id.index()]
    }

    /// The visible locals with their names, innermost last.
    pub(super) fn visible_locals(&self) -> Vec<(String, LocalId)> {
        self.visible.clone()
    }

    /// The visible names.
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.visible.iter().map(|(n, _)| n.as_str())
    }
}

/// The candidate closest to `name` by edit distance, if close enough to be a
/// plausible typo. Ties go to the alphabetically first, so the answer does
/// not depend on iteration order.
pub(super) fn suggest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (distance(name, c), c))
        .filter(|(dist, _)| *dist <= limit)
        .min()
        .map(|(_, c)| c.to_string())
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j] + 1).min(row[j + 1] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_pick_the_closest_plausible_name() {
        assert_eq!(distance("kitten", "sitting"), 3);
        let names = ["tm_state", "rm_state", "msgs"];
        assert_eq!(suggest("tm_stat", names).as_deref(), Some("tm_state"));
        assert_eq!(suggest("xyz", names), None);
        assert_eq!(suggest("M", ["N"]).as_deref(), Some("N"));
    }

    #[test]
    fn inner_names_shadow_outer_ones() {
        let mut scope = Scope::default();
        let x = |at: usize| ast::Ident {
            name: "x".into(),
            span: Span::new(at, at + 1),
        };
        let outer = scope.bind_at(&x(0), TypeId(0), LocalKind::Bound);
        let mark = scope.enter(9);
        let inner = scope.bind_at(&x(5), TypeId(1), LocalKind::Let);
        assert_eq!(scope.bound(inner), Some((Span::new(5, 6), 9)));
        assert_eq!(scope.bound(outer), Some((Span::new(0, 1), u32::MAX)));
        assert_eq!(scope.lookup("x"), Some(inner));
        scope.leave(mark);
        assert_eq!(scope.lookup("x"), Some(outer));
    }
}
