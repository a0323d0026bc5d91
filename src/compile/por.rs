//! Partial-order reduction as the search runs it: whether it is on (and
//! why not), and each successor's unit (see [`crate::check::ir::Interleavings`]).
//! Choosing which units to expand is the explorer's (`explore::por`).

use hashbrown::HashMap;

use crate::check::ir::{ActionId, Interleavings, PropertyKind, Spec};
use crate::compile::{ActionError, Model, Worker};

/// Why a spec's `reduce interleavings` is not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PorSkip {
    /// Liveness properties need every interleaving (and fairness of the
    /// steps left out).
    Liveness,
    /// Transition properties read every step.
    Transitions,
    /// Symmetry reduction is on.
    Symmetry,
    /// A `view` is declared.
    View,
}

impl PorSkip {
    /// The decision for a spec that declares the reduction.
    pub fn of(spec: &Spec, symmetry: bool) -> Option<PorSkip> {
        let transitions = spec
            .properties
            .iter()
            .any(|p| p.kind == PropertyKind::Transition);
        if !spec.liveness.is_empty() {
            Some(PorSkip::Liveness)
        } else if transitions {
            Some(PorSkip::Transitions)
        } else if symmetry {
            Some(PorSkip::Symmetry)
        } else if spec.view.is_some() {
            Some(PorSkip::View)
        } else {
            None
        }
    }
}

/// How an action's successors map to units.
#[derive(Debug)]
enum Lookup {
    /// Every instance is this unit (no fixed parameter).
    One(u32),
    /// By the codes of the fixed parameters (at these indices).
    Codes {
        fixed: Vec<usize>,
        units: HashMap<Vec<u64>, u32>,
    },
}

/// The reduction, on.
#[derive(Debug)]
pub struct Por {
    by_action: Vec<Lookup>,
}

impl Por {
    fn new(model: &Model, il: &Interleavings) -> Por {
        let mut by_action: Vec<Lookup> = il
            .fixed
            .iter()
            .map(|fixed| match fixed.is_empty() {
                true => Lookup::One(u32::MAX),
                false => Lookup::Codes {
                    fixed: fixed.clone(),
                    units: HashMap::new(),
                },
            })
            .collect();
        for (u, unit) in il.units.iter().enumerate() {
            let a = unit.action;
            match &mut by_action[a.index()] {
                Lookup::One(slot) => *slot = u as u32,
                Lookup::Codes { fixed, units } => {
                    let kinds = model.arg_kinds(a);
                    let params = &model.spec.actions[a.index()].params;
                    let codes = fixed
                        .iter()
                        .zip(&unit.values)
                        .map(|(&p, v)| model.arg_code(&params[p], kinds[p], v))
                        .collect();
                    units.insert(codes, u as u32);
                }
            }
        }
        Por { by_action }
    }

    /// The unit of an instance of `action` with these argument codes;
    /// `None` for an instance outside every unit (a fixed parameter's
    /// value outside its domain, which no instance has).
    pub fn unit(&self, action: ActionId, codes: &[u64]) -> Option<u32> {
        match &self.by_action[action.index()] {
            Lookup::One(u) => Some(*u),
            Lookup::Codes { fixed, units } => {
                // The key on the stack: this runs for every successor.
                let mut key = [0u64; 8];
                if fixed.len() > key.len() {
                    let key: Vec<u64> = fixed.iter().map(|&p| codes[p]).collect();
                    return units.get(&key).copied();
                }
                for (k, &p) in key.iter_mut().zip(fixed) {
                    *k = codes[p];
                }
                units.get(&key[..fixed.len()]).copied()
            }
        }
    }
}

impl Model {
    /// Turn partial-order reduction on if the spec declares it and
    /// nothing rules it out ([`Model::por_skip`] says what did). Call
    /// after [`Model::reduce_symmetry`].
    pub fn reduce_interleavings(&mut self) {
        let Some(il) = &self.spec.interleavings else {
            return;
        };
        self.por_skip = PorSkip::of(&self.spec, self.symmetry.is_some());
        if self.por_skip.is_none() {
            self.por = Some(Por::new(self, il));
        }
    }

    /// The reduction, when on.
    pub fn por(&self) -> Option<&Por> {
        self.por.as_ref()
    }

    /// Why the declared reduction is off, if it is.
    pub fn por_skip(&self) -> Option<PorSkip> {
        self.por_skip
    }

    /// Every successor of a packed state with its unit, in canonical
    /// order. The reduction must be on.
    pub fn unit_steps(
        &self,
        w: &mut Worker,
        state: &[u64],
        out: &mut dyn FnMut(ActionId, u32, &[u64]),
    ) -> Result<(), ActionError> {
        let por = self.por.as_ref().expect("partial-order reduction is on");
        self.instances(w, state, &mut |action, codes, succ| {
            let unit = por.unit(action, codes).unwrap_or(u32::MAX);
            out(action, unit, succ)
        })
    }
}
