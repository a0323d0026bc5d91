//! Actions compiled once per binding of their parameters. When every
//! parameter is a plain name over a small constant domain (`action
//! Send(from: Node, to: Node)`), the body is built once for each tuple of
//! values with the parameters known, so each copy folds: `from != to`
//! becomes a constant (and a copy whose leading test is false is
//! dropped), `net[to][from]` a fixed offset. The copies run in the order
//! the loop over the parameters takes, so successors come in the same
//! order as without them.

use crate::check::ir::{ActionDef, PatternKind};
use crate::compile::bits;
use crate::compile::fast::build::{Builder, Built};
use crate::compile::fast::build_quant::Element;
use crate::compile::fast::machine::Machine;
use crate::compile::fast::node::{Block, BoolExpr, FrameSize, Res};

/// The most copies of one action's body (and four times as many
/// bindings tried, most dropped).
const MAX_INSTANCES: usize = 64;

/// An action's copies, one per binding of its parameters.
#[derive(Debug)]
pub struct Instances {
    /// The tests that need no parameter, once for all copies.
    pub pre: Vec<BoolExpr>,
    pub copies: Vec<Instance>,
    pub size: FrameSize,
}

/// The body for one binding of the parameters.
#[derive(Debug)]
pub struct Instance {
    /// Each parameter's slot and its value there (for any part of the
    /// body that reads it).
    pub binds: Vec<(u32, u64)>,
    /// The arguments as a loop over the parameters records them.
    pub args: Vec<u64>,
    /// The hoisted tests that read parameters, in the loop's order.
    pub tests: Vec<BoolExpr>,
    pub body: Block,
}

/// An action's copies, or `None` when a parameter is not a plain name
/// over a small constant domain, there would be too many, or a copy does
/// not build.
pub fn instances(
    mut builder: Builder<'_>,
    a: &ActionDef,
    types: &[crate::check::ir::Type],
) -> Option<Instances> {
    let mut out = Instances {
        pre: Vec::new(),
        copies: Vec::new(),
        size: FrameSize::default(),
    };
    let mut at = Vec::new();
    let mut tried = 0;
    let built = copies(&mut builder, a, types, &mut at, &mut tried, &mut out);
    if !matches!(built, Ok(true)) || out.copies.is_empty() {
        return None;
    }
    out.pre.splice(0..0, builder.guard_resets());
    out.size = builder.size;
    Some(out)
}

/// Build the copies for every binding of the parameters from the
/// `at.len()`-th on, the earlier ones bound to the elements `at`; `false`
/// when one cannot be made.
fn copies(
    builder: &mut Builder<'_>,
    a: &ActionDef,
    types: &[crate::check::ir::Type],
    at: &mut Vec<(u32, Element)>,
    tried: &mut usize,
    out: &mut Instances,
) -> Built<bool> {
    let Some(param) = a.params.get(at.len()) else {
        *tried += 1;
        let (mut pre, body) = super::hoisted_body(builder, a, types)?;
        if out.copies.is_empty() {
            out.pre = std::mem::take(&mut pre[0]);
        }
        let mut tests = Vec::new();
        for test in pre.into_iter().skip(1).flatten() {
            let never = matches!(test, BoolExpr::Const(false));
            if !matches!(test, BoolExpr::Const(true)) {
                tests.push(test);
            }
            if never {
                break;
            }
        }
        // A false test first: this copy never runs.
        if let Some(BoolExpr::Const(false)) = tests.first() {
            return Ok(true);
        }
        out.copies.push(Instance {
            binds: at.iter().map(|(slot, e)| (*slot, e.scalar)).collect(),
            args: at.iter().map(|(_, e)| e.arg).collect(),
            tests,
            body,
        });
        return Ok(true);
    };
    let (PatternKind::Bind(local), None) = (&param.pattern.kind, param.pattern.alias) else {
        return Ok(false);
    };
    let Some((slot, elements)) = builder.constant_elements(param)? else {
        return Ok(false);
    };
    for element in elements {
        if out.copies.len() >= MAX_INSTANCES || *tried >= 4 * MAX_INSTANCES {
            return Ok(false);
        }
        builder.known[local.index()] = Some(element.value.clone());
        at.push((slot, element));
        let built = copies(builder, a, types, at, tried, out);
        at.pop();
        builder.known[local.index()] = None;
        if !built? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Every successor of `m.state` by the copies, in order, each to `out`
/// as [`super::Fast::successors`] hands them.
pub fn run(instances: &Instances, m: &mut Machine, out: &mut dyn FnMut(&Machine)) -> Res<()> {
    super::enter(m, instances.size);
    bits::copy_words(&mut m.buf, &m.state);
    if !super::passes(&instances.pre, m)? {
        return Ok(());
    }
    let base = m.args.len();
    for copy in &instances.copies {
        for &(slot, v) in &copy.binds {
            m.locals[slot as usize] = v;
        }
        if !super::passes(&copy.tests, m)? {
            continue;
        }
        if m.keep_args {
            m.args.extend_from_slice(&copy.args);
        }
        super::run_block(&copy.body, m, out)?;
        m.args.truncate(base);
    }
    Ok(())
}
