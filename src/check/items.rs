//! Declarations with bodies: variables' initial values, `init`, functions,
//! actions and properties, each checked in a frame of its own; then the
//! search for call cycles between functions.

use crate::value::Value;
use std::collections::HashSet;

use super::expr::mk;
use super::names::{LocalKind, Scope};
use super::types::ERR;
use super::{CheckErrorKind as K, Checker, Mode};
use crate::check::ir::{self, ExprKind, FnId, VarId};
use crate::source::Span;
use crate::syntax::ast;

impl Checker<'_> {
    /// Start a new frame (locals) for a body.
    pub(super) fn begin_frame(&mut self, current_fn: Option<FnId>) {
        self.log_frame_symbols();
        self.scope = Scope::default();
        self.mode = Mode::Body(current_fn);
    }

    /// The locals of the frame just checked.
    pub(super) fn end_frame(&mut self) -> ir::Frame {
        self.log_frame_symbols();
        std::mem::take(&mut self.scope).frame
    }

    /// Variables with their declared initial values.
    pub(super) fn check_vars(&mut self) -> Vec<ir::VarDef> {
        let vars = self.decls.vars.clone();
        vars.iter()
            .enumerate()
            .map(|(i, v)| {
                let ty = self.var_types[i];
                let init = v.init.as_ref().map(|e| {
                    self.begin_frame(None);
                    let x = self.check_expr(e, ty);
                    (self.end_frame(), x)
                });
                ir::VarDef {
                    name: v.name.name.clone(),
                    ty,
                    init,
                    role: ir::VarRole::Plain,
                    span: v.span,
                }
            })
            .collect()
    }

    /// The `init` blocks, run one after the other as one body; then every
    /// variable without `= e` must be assigned somewhere in them.
    pub(super) fn check_init(&mut self, vars: &[ir::VarDef]) -> Option<ir::Body> {
        let inits = self.decls.inits.clone();
        for second in inits.iter().skip(1) {
            let at = second.span.start as usize;
            self.error(Span::new(at, at + 1), K::InitTwice);
        }
        self.begin_frame(None);
        self.whole_assigned.clear();
        let mut stmts: Vec<ir::Stmt> = inits.iter().flat_map(|b| self.block(b)).collect();
        let mut frame = self.end_frame();
        let decls = self.decls.vars.clone();
        for (i, (var, decl)) in vars.iter().zip(decls).enumerate() {
            let id = VarId(i as u32);
            let assigned = self.whole_assigned.contains(&id)
                || (var.init.is_none()
                    && var.ty != ERR
                    && self.init_by_entries(id, var.ty, &mut stmts, &mut frame));
            if var.init.is_none() && !assigned && var.ty != ERR {
                self.error(
                    decl.name.span,
                    K::NoInitialValue {
                        name: var.name.clone(),
                    },
                );
            }
        }
        let span = inits.iter().map(|b| b.span).reduce(Span::join)?;
        Some(ir::Body { frame, stmts, span })
    }

    /// Functions: parameters first in the frame, then the body.
    pub(super) fn check_fns(&mut self) -> Vec<ir::FnDef> {
        let fns = self.decls.fns.clone();
        fns.iter()
            .enumerate()
            .map(|(i, f)| {
                self.begin_frame(Some(FnId(i as u32)));
                let params = self.fn_sigs[i].params.clone();
                if let Some(dup) =
                    super::literals::first_duplicate(f.params.iter().map(|p| &p.name))
                {
                    let name = dup.name.clone();
                    self.error(
                        dup.span,
                        K::Duplicate {
                            name,
                            previous: "parameter",
                        },
                    );
                }
                for (p, ty) in f.params.iter().zip(params) {
                    self.scope.bind_at(&p.name, ty, LocalKind::Param);
                }
                let result = self.fn_sigs[i].result;
                let body = self.check_expr(&f.body, result);
                ir::FnDef {
                    name: f.name.name.clone(),
                    frame: self.end_frame(),
                    arity: f.params.len(),
                    result,
                    body,
                    span: f.span,
                }
            })
            .collect()
    }

    /// Actions: parameters in order (later domains see earlier names), then
    /// the body. An action of a process gets `self` as its first parameter;
    /// a parameter that receives from a channel becomes the sender's and the
    /// message's, with the statements that take the message first; an action
    /// with a `pause` is followed by the action that resumes it.
    pub(super) fn check_actions(&mut self) -> Vec<ir::ActionDef> {
        let actions = self.decls.actions.clone();
        let owners = self.decls.action_owner.clone();
        let mut out = Vec::new();
        for (i, a) in actions.iter().enumerate() {
            let owner = owners[i];
            let mut params = Vec::new();
            match owner {
                Some(pid) => {
                    self.begin_process_frame(pid, Some(()));
                    if let Some(l) = self.in_process.and_then(|c| c.self_local) {
                        params.push(self.self_binding(l, a.name.span));
                    }
                }
                None => self.begin_frame(None),
            }
            self.distinct_params(&a.params);
            let mut receives = Vec::new();
            let mut prefix = Vec::new();
            for (j, p) in a.params.iter().enumerate() {
                if let ast::ActionParam::In {
                    pattern,
                    sender,
                    domain,
                } = p
                    && let Some(cid) = self.receiving_channel(domain)
                {
                    let r = self.receive(cid, pattern, sender.as_deref(), domain, params.len());
                    params.extend(r.bindings);
                    prefix.extend(r.prefix);
                    receives.push(r.receive);
                    continue;
                }
                params.push(self.action_param(p, self.action_param_types[i][j]));
            }
            let (body, split) = self.action_body(&a.name.name, &a.body, prefix);
            let fairness = self.process_fairness(self.in_process, a.fairness);
            let frame = match owner {
                Some(_) => self.end_process_frame(),
                None => self.end_frame(),
            };
            let def = ir::ActionDef {
                name: a.name.name.clone(),
                frame,
                params,
                body,
                fairness,
                origin: ir::Origin::Spec(owner),
                receives,
                span: a.span,
            };
            let resume = split.map(|split| self.resume_action(&def, split));
            out.push(def);
            out.extend(resume);
        }
        self.check_process_action_names(&actions, &owners);
        out
    }

    /// `self` as an action's first parameter, ranging over every instance.
    fn self_binding(&mut self, l: ir::LocalId, span: Span) -> ir::Binding {
        let s = self.scope.ty(l);
        let set = self.types.set_of(s);
        ir::Binding {
            pattern: ir::Pattern {
                kind: ir::PatternKind::Bind(l),
                alias: None,
                span,
            },
            domain: mk(ExprKind::AllOf(s), set, span),
        }
    }

    /// An action's body after `prefix`, split at its `pause` if it has one.
    fn action_body(
        &mut self,
        name: &str,
        body: &ast::Block,
        prefix: Vec<ir::Stmt>,
    ) -> (Vec<ir::Stmt>, Option<super::desugar::Split>) {
        let mark = self.scope.enter(body.span.end);
        self.pending.push(std::collections::HashMap::new());
        let mut before = prefix;
        // After the pause: the statements so far, the locals visible at it, where.
        type AfterPause = (Vec<ir::Stmt>, Vec<(String, ir::LocalId)>, Span);
        let mut after: Option<AfterPause> = None;
        for s in &body.stmts {
            if let ast::StmtKind::Pause = s.kind {
                let pausable = self
                    .in_process
                    .is_some_and(|c| self.dist.processes[c.process.index()].pausable);
                if pausable && after.is_none() {
                    after = Some((Vec::new(), self.scope.visible_locals(), s.span));
                } else {
                    self.misplaced_pause(s.span, true);
                }
                continue;
            }
            let stmts = self.stmt(s);
            match &mut after {
                Some((rest, ..)) => rest.extend(stmts),
                None => before.extend(stmts),
            }
        }
        self.pending.pop();
        self.scope.leave(mark);
        match after {
            None => (before, None),
            Some((rest, visible, span)) => self.split_at_pause(name, before, rest, &visible, span),
        }
    }

    /// Two actions of one process cannot share a name.
    fn check_process_action_names(
        &mut self,
        actions: &[&ast::ActionDecl],
        owners: &[Option<ir::ProcessId>],
    ) {
        let mut seen: Vec<(Option<ir::ProcessId>, &str)> = Vec::new();
        for (a, owner) in actions.iter().zip(owners) {
            if owner.is_none() {
                continue;
            }
            let key = (*owner, a.name.name.as_str());
            if seen.contains(&key) {
                self.error(
                    a.name.span,
                    K::Duplicate {
                        name: a.name.name.clone(),
                        previous: "action of this process",
                    },
                );
            } else {
                seen.push(key);
            }
        }
    }

    /// Report an action parameter name bound twice (`A(y: 0..1, y: 2..3)`).
    fn distinct_params(&mut self, params: &[ast::ActionParam]) {
        let patterns: Vec<ast::Pattern> = params
            .iter()
            .map(|p| match p {
                ast::ActionParam::Typed { name, .. } => ast::Pattern {
                    kind: ast::PatternKind::Name(name.clone()),
                    alias: None,
                    span: name.span,
                },
                ast::ActionParam::In { pattern, .. } => pattern.clone(),
            })
            .collect();
        self.distinct_binds(&patterns);
    }

    /// `r: T` ranges over every value of T; `p in S` over S.
    fn action_param(&mut self, p: &ast::ActionParam, ty: ir::TypeId) -> ir::Binding {
        match p {
            ast::ActionParam::Typed { name, ty: written } => {
                let id = self.scope.bind_at(name, ty, LocalKind::Bound);
                let set = self.types.set_of(ty);
                ir::Binding {
                    pattern: ir::Pattern {
                        kind: ir::PatternKind::Bind(id),
                        alias: None,
                        span: name.span,
                    },
                    domain: mk(
                        ExprKind::AllOf(ty),
                        if ty == ERR { ERR } else { set },
                        written.span,
                    ),
                }
            }
            ast::ActionParam::In {
                pattern,
                sender,
                domain,
            } => {
                if let Some(sender) = sender {
                    let kind = super::desugar::DistErrorKind::FromWithoutChannel;
                    self.dist_error(sender.span, kind);
                }
                let (domain, elem) = self.set_domain(domain);
                let pattern = self.pattern(pattern, elem);
                ir::Binding { pattern, domain }
            }
        }
    }

    /// Properties: boolean state predicates.
    pub(super) fn check_properties(&mut self) -> Vec<ir::PropertyDef> {
        let properties = self.decls.properties.clone();
        properties
            .iter()
            .map(|p| {
                self.begin_frame(None);
                self.next_allowed = p.kind == ast::PropertyKind::Transition;
                self.in_transition = self.next_allowed;
                let body = self.check_bool(&p.body);
                self.next_allowed = false;
                self.in_transition = false;
                ir::PropertyDef {
                    kind: p.kind,
                    name: p.name.name.clone(),
                    frame: self.end_frame(),
                    body,
                    span: p.span,
                }
            })
            .collect()
    }

    /// Liveness properties: each predicate a boolean state predicate, all
    /// of one property in one frame. `forall s in S:` before the temporal
    /// form gives one property per value of `s`, the predicates with `s`
    /// replaced by the value (the sets are constants); `A and B` gives one
    /// property per formula, since the whole holds when each part does.
    pub(super) fn check_liveness(&mut self) -> Vec<ir::LivenessDef> {
        let liveness = self.decls.liveness.clone();
        let mut out = Vec::new();
        for l in &liveness {
            self.begin_frame(None);
            let mark = self.scope.enter(l.span.end);
            if l.binders.iter().map(|b| b.patterns.len()).sum::<usize>() > 1 {
                self.distinct_binds(l.binders.iter().flat_map(|b| &b.patterns));
            }
            let bindings: Vec<ir::Binding> =
                l.binders.iter().flat_map(|b| self.binder(b)).collect();
            self.next_allowed = true;
            self.in_transition = true;
            let kinds: Vec<ir::LivenessKind> = l
                .parts
                .iter()
                .map(|part| part.kind.map(|p| self.check_bool(p)))
                .collect();
            self.next_allowed = false;
            self.in_transition = false;
            let steps: Vec<bool> = kinds.iter().map(|k| self.step_formula(k)).collect();
            self.scope.leave(mark);
            let frame = self.end_frame();
            let Some(sets) = self.temporal_sets(&bindings, &frame) else {
                continue;
            };
            // Every combination of the bound values, the first name
            // outermost.
            let mut combos: Vec<Vec<(ir::LocalId, Value)>> = vec![Vec::new()];
            for (local, values) in &sets {
                combos = combos
                    .into_iter()
                    .flat_map(|c| {
                        values.iter().map(move |v| {
                            let mut c = c.clone();
                            c.push((*local, v.clone()));
                            c
                        })
                    })
                    .collect();
            }
            let parts = (kinds.len() > 1).then_some(kinds.len());
            for combo in combos {
                let instance: Vec<_> = combo
                    .iter()
                    .map(|(local, v)| {
                        let def = &frame.locals[local.index()];
                        (def.name.clone(), def.ty, v.clone())
                    })
                    .collect();
                for (i, (kind, &step)) in kinds.iter().zip(&steps).enumerate() {
                    let kind = kind.map(|p| {
                        let mut p = p.clone();
                        ir::substitute(&mut p, &combo);
                        p
                    });
                    out.push(ir::LivenessDef {
                        name: l.name.name.clone(),
                        instance: instance.clone(),
                        part: parts.map(|of| (i + 1, of)),
                        kind,
                        step,
                        frame: frame.clone(),
                        span: l.parts[i].span,
                    });
                }
            }
        }
        out
    }

    /// Whether a liveness property's predicates read the step (`next(...)`,
    /// `step is`); reports a step formula in
    /// a form that takes only state predicates.
    fn step_formula(&mut self, kind: &ir::LivenessKind) -> bool {
        let reads_step = |e: &ir::Expr| {
            let mut found = false;
            ir::walk(e, &mut |x| {
                found |= matches!(x.kind, ExprKind::Next(_) | ExprKind::StepIs(_));
            });
            found
        };
        match kind {
            ir::LivenessKind::Eventually(p) | ir::LivenessKind::AlwaysEventually(p) => {
                reads_step(p)
            }
            _ => {
                for p in crate::compile::fast::liveness_predicates(kind) {
                    if reads_step(p) {
                        self.error(p.span, K::StepFormulaInLiveness);
                    }
                }
                false
            }
        }
    }

    /// The values each name bound by a property's `forall` ranges over;
    /// `None` once an error is reported (a pattern that is not a name, a
    /// set that is not a constant).
    fn temporal_sets(
        &mut self,
        bindings: &[ir::Binding],
        frame: &ir::Frame,
    ) -> Option<Vec<(ir::LocalId, Vec<Value>)>> {
        let mut sets = Vec::new();
        let mut ok = true;
        for b in bindings {
            let ir::PatternKind::Bind(local) = b.pattern.kind else {
                self.error(b.pattern.span, K::TemporalPattern);
                ok = false;
                continue;
            };
            if b.domain.ty == super::types::ERR {
                ok = false;
                continue;
            }
            match self.eval(&b.domain, frame.locals.len()) {
                Ok(Value::Set(values)) => sets.push((local, values.iter().cloned().collect())),
                Ok(_) => ok = false,
                Err(_) => {
                    self.error(b.domain.span, K::TemporalDomain);
                    ok = false;
                }
            }
        }
        ok.then_some(sets)
    }

    /// Report each cycle of calls between functions once, at the call that
    /// closes it (from its first function in declaration order).
    pub(super) fn check_recursion(&mut self) {
        let n = self.decls.fns.len();
        // Each function's calls, in source order: one pass over the calls,
        // so the search from every function is linear in the call graph.
        let mut callees: Vec<Vec<(usize, Span)>> = vec![Vec::new(); n];
        for &(caller, callee, span) in &self.calls {
            callees[caller.index()].push((callee.index(), span));
        }
        let mut reported: HashSet<usize> = HashSet::new();
        for start in 0..n {
            if reported.contains(&start) {
                continue;
            }
            let Some(cycle) = cycle_from(&callees, start) else {
                continue;
            };
            let mut chain: Vec<String> = cycle
                .iter()
                .map(|(f, _)| self.decls.fns[*f].name.name.clone())
                .collect();
            chain.push(self.decls.fns[start].name.name.clone());
            reported.extend(cycle.iter().map(|(f, _)| *f));
            let span = cycle
                .last()
                .map_or(self.decls.fns[start].name.span, |(_, s)| *s);
            self.error(span, K::Recursion { chain });
        }
    }
}

/// The shortest call path from `start` back to itself: each function on it
/// with the span of the call it makes to the next.
fn cycle_from(callees: &[Vec<(usize, Span)>], start: usize) -> Option<Vec<(usize, Span)>> {
    let n = callees.len();
    // Breadth-first over callees; `parent[g]` = (caller, call span).
    let mut parent: Vec<Option<(usize, Span)>> = vec![None; n];
    let mut queue = std::collections::VecDeque::from([start]);
    let mut seen = vec![false; n];
    while let Some(f) = queue.pop_front() {
        for &(g, span) in &callees[f] {
            if g == start {
                let mut path = vec![(f, span)];
                let mut at = f;
                while at != start {
                    let (p, s) = parent[at]?;
                    path.push((p, s));
                    at = p;
                }
                path.reverse();
                return Some(path);
            }
            if !seen[g] {
                seen[g] = true;
                parent[g] = Some((f, span));
                queue.push_back(g);
            }
        }
    }
    None
}
