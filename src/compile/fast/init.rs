//! Whether the `init` block can run on the fast path: the reference
//! interpreter tracks which variables are still unset and reports reading
//! one, or ending a branch with one; packed codes have no "unset". So the
//! block runs there only when every path sets each variable before it
//! reads it and sets them all by its end, which [`sets_before_reading`]
//! proves from the statements alone.

use crate::check::ir::{Expr, ExprKind, FnVars, Spec, Stmt, StmtKind};

/// Whether every path through `spec.init` reads only variables set
/// before (declared initial values count as set) and ends with all of
/// them set.
pub fn sets_before_reading(spec: &Spec) -> bool {
    let Some(init) = &spec.init else {
        return false;
    };
    let scan = Scan {
        fn_vars: FnVars::new(&spec.fns),
    };
    let mut set: Vec<bool> = spec.vars.iter().map(|v| v.init.is_some()).collect();
    scan.block(&init.stmts, &mut set) && set.iter().all(|s| *s)
}

struct Scan {
    fn_vars: FnVars,
}

impl Scan {
    /// Whether `stmts` read only variables set before them on every path,
    /// `set` becoming those set on every path after them.
    fn block(&self, stmts: &[Stmt], set: &mut Vec<bool>) -> bool {
        stmts.iter().all(|s| self.stmt(s, set))
    }

    fn stmt(&self, s: &Stmt, set: &mut Vec<bool>) -> bool {
        match &s.kind {
            StmtKind::Require(e) | StmtKind::Assert(e, _) | StmtKind::Let(_, e) => {
                self.reads_set(e, set)
            }
            StmtKind::Assign(place, e) => {
                let keys = place.path.iter().all(|step| match step {
                    crate::check::ir::PlaceStep::Index(k) => self.reads_set(k, set),
                    crate::check::ir::PlaceStep::Field(_) => true,
                });
                // A part of a variable is stored into the whole one.
                let whole = place.path.is_empty() || set[place.var.index()];
                let ok = keys && whole && self.reads_set(e, set);
                set[place.var.index()] = true;
                ok
            }
            StmtKind::If(c, then, other) => {
                if !self.reads_set(c, set) {
                    return false;
                }
                let mut second = set.clone();
                let ok = self.block(then, set) && self.block(other, &mut second);
                meet(set, &second);
                ok
            }
            // No element, no branch: what the body sets holds on every
            // branch that goes on.
            StmtKind::Choose(b, body) => self.reads_set(&b.domain, set) && self.block(body, set),
            StmtKind::Either(blocks) => {
                let before = set.clone();
                let mut after: Option<Vec<bool>> = None;
                for block in blocks {
                    let mut here = before.clone();
                    if !self.block(block, &mut here) {
                        return false;
                    }
                    match &mut after {
                        Some(a) => meet(a, &here),
                        None => after = Some(here),
                    }
                }
                *set = after.unwrap_or(before);
                true
            }
            // The body may run no time; a later turn only has more set.
            StmtKind::For(b, body) => {
                self.reads_set(&b.domain, set) && self.block(body, &mut set.clone())
            }
        }
    }

    /// Whether `e` reads only variables in `set`, through calls too.
    fn reads_set(&self, e: &Expr, set: &[bool]) -> bool {
        let mut ok = true;
        crate::check::ir::walk(e, &mut |x| match &x.kind {
            ExprKind::Var(v) => ok &= set[v.index()],
            ExprKind::Call(f, _) => {
                ok &= self.fn_vars.of_fn(*f).iter().all(|v| set[v.index()]);
            }
            _ => {}
        });
        ok
    }
}

/// `a` becomes what both `a` and `b` hold.
fn meet(a: &mut [bool], b: &[bool]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x &= *y;
    }
}
