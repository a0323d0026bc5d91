//! `fair A or B`: fairness of a group of actions taken together.
//!
//! Takes the declarations and the checked actions (with those standing for
//! pauses), gives each group as the [`ir::FairGroup`] of the action ids it
//! names. A name is an action's (with a paused action's rest, which shares
//! it), or a process's: then the group is its actions, per instance.

use super::Checker;
use super::error::CheckErrorKind as K;
use super::ir::{self, ActionId, Origin};
use super::names::suggest;
use crate::syntax::ast;

impl Checker<'_> {
    /// Every `fair ... or ...` declaration, resolved.
    pub(super) fn check_fair_groups(&mut self, actions: &[ir::ActionDef]) -> Vec<ir::FairGroup> {
        let decls = self.decls.fair_groups.clone();
        decls
            .into_iter()
            .filter_map(|decl| self.fair_group(decl, actions))
            .collect()
    }

    fn fair_group(
        &mut self,
        decl: &ast::FairDecl,
        actions: &[ir::ActionDef],
    ) -> Option<ir::FairGroup> {
        let processes = self.decls.processes.clone();
        let process = |name: &str| {
            let pid = processes.iter().position(|p| p.name.name == name)?;
            Some(ir::ProcessId(pid as u32))
        };
        if let [one] = decl.members.as_slice()
            && let Some(pid) = process(&one.name)
        {
            let ids = ids_where(
                actions,
                |a| matches!(a.origin, Origin::Spec(Some(p)) | Origin::Resume(p) if p == pid),
            );
            return Some(ir::FairGroup {
                fairness: decl.fairness,
                actions: ids,
                per_instance: processes[pid.index()].index.is_some(),
                span: decl.span,
            });
        }
        let mut ids = Vec::new();
        let mut ok = true;
        for member in &decl.members {
            if process(&member.name).is_some() {
                let kind = K::FairGroupMixed {
                    process: member.name.clone(),
                };
                self.error(member.span, kind);
                ok = false;
                continue;
            }
            let named = ids_where(actions, |a| {
                a.name == member.name && matches!(a.origin, Origin::Spec(_) | Origin::Resume(_))
            });
            if named.is_empty() {
                let names = self.action_names.iter().map(String::as_str);
                let kind = K::UnknownAction {
                    name: member.name.clone(),
                    suggestion: suggest(&member.name, names),
                };
                self.error(member.span, kind);
                ok = false;
            }
            ids.extend(named);
        }
        ids.sort_unstable();
        ids.dedup();
        ok.then_some(ir::FairGroup {
            fairness: decl.fairness,
            actions: ids,
            per_instance: false,
            span: decl.span,
        })
    }
}

/// The ids of the actions `keep` accepts.
fn ids_where(actions: &[ir::ActionDef], keep: impl Fn(&ir::ActionDef) -> bool) -> Vec<ActionId> {
    (actions.iter().enumerate())
        .filter(|(_, a)| keep(a))
        .map(|(i, _)| ActionId(i as u32))
        .collect()
}
