//! The canonical form against the definition: on every reachable state of
//! specs with values in every kind of place, the packed renaming agrees
//! with renaming the decoded values, the representative is the same for
//! every renamed image and is one of them, the orbit size is the number
//! of distinct images, and the representatives are exactly as many as the
//! orbits found by trying the whole group.

use std::collections::{HashSet, VecDeque};

use super::*;
use crate::check::symmetry::{Renaming, rename};
use crate::compile::{Model, compile};
use crate::source::Source;

fn model(text: &str) -> Model {
    let source = Source::new("test.rvl", text);
    let ast = crate::syntax::parse(&source).expect("parses");
    let spec = crate::check::check(&ast, &[]).expect("checks");
    compile(spec)
}

/// Every reachable state, breadth-first, without reduction.
fn reachable(m: &Model) -> Vec<Vec<u64>> {
    let mut seen = HashSet::new();
    let mut queue = VecDeque::new();
    m.initial_states(&mut |s| {
        if seen.insert(s.to_vec()) {
            queue.push_back(s.to_vec());
        }
    })
    .unwrap();
    let mut out = Vec::new();
    while let Some(s) = queue.pop_front() {
        m.successors(&s, &mut |succ| {
            if seen.insert(succ.state.to_vec()) {
                queue.push_back(succ.state.to_vec());
            }
        })
        .unwrap();
        out.push(s);
    }
    out
}

fn permutations(n: u32) -> Vec<Vec<u32>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for at in 0..=p.len() {
            let mut q = p.clone();
            q.insert(at, n - 1);
            out.push(q);
        }
    }
    out
}

/// Every element of the product group, as global renamings.
fn group(sym: &Symmetry) -> Vec<Vec<u32>> {
    let mut all = vec![vec![]];
    for &(_, n) in &sym.sets {
        let mut next = Vec::new();
        for prefix in &all {
            for p in permutations(n) {
                let mut q: Vec<u32> = prefix.clone();
                q.extend(p);
                next.push(q);
            }
        }
        all = next;
    }
    all
}

/// The same renaming, on decoded values.
fn renaming(m: &Model, sets: &[TypeId], sym: &Symmetry, perm: &[u32]) -> Renaming {
    let mut r = Renaming {
        by_type: vec![None; m.spec.types.len()],
    };
    for (ty, &(first, n)) in sets.iter().zip(&sym.sets) {
        r.by_type[ty.index()] = Some(perm[first as usize..(first + n) as usize].to_vec());
    }
    r
}

fn symmetric_sets(m: &Model) -> Vec<TypeId> {
    groups(&m.spec).iter().map(|g| g.ty).collect()
}

fn agrees_with_the_definition(text: &str, at_least: usize) {
    let m = model(text);
    let sets = symmetric_sets(&m);
    assert!(!sets.is_empty());
    let var_types: Vec<TypeId> = m.spec.vars.iter().map(|v| v.ty).collect();
    let sym = Symmetry::new(&m.spec.types, &var_types, &m.layout, &sets);
    let all = group(&sym);
    assert_eq!(Some(all.len() as u128), sym.order());
    let states = reachable(&m);
    assert!(states.len() >= at_least, "only {} states", states.len());
    let words = m.state_words();
    let mut sc = Scratch::default();
    let mut canon = vec![0; words];
    let mut image = vec![0; words];
    let mut orbit_mins = HashSet::new();
    let mut representatives = HashSet::new();
    for s in &states {
        sym.canonical(&mut sc, s, &mut canon);
        let orbit_size = sc.orbit(&sym);
        let values = m.layout.decode_state(s);
        let mut images = HashSet::new();
        for perm in &all {
            sym.rename(s, perm, &mut image);
            let r = renaming(&m, &sets, &sym, perm);
            let renamed: Vec<Value> = values
                .iter()
                .zip(&m.spec.vars)
                .map(|(v, def)| rename(&m.spec.types, def.ty, v, &r))
                .collect();
            assert_eq!(
                m.layout.encode_state(&renamed).unwrap(),
                image,
                "packed and value renaming differ"
            );
            images.insert(image.clone());
            let mut again = vec![0; words];
            sym.canonical(&mut Scratch::default(), &image, &mut again);
            assert_eq!(again, canon, "two states of one orbit, two representatives");
        }
        assert!(
            images.contains(&canon),
            "the representative is not in the orbit"
        );
        assert_eq!(orbit_size, Some(images.len() as u128), "orbit size");
        orbit_mins.insert(images.iter().min().unwrap().clone());
        representatives.insert(canon.clone());
    }
    assert_eq!(representatives.len(), orbit_mins.len());
}

use crate::value::Value;

#[test]
fn atoms_sets_maps_options_records_and_sequences() {
    agrees_with_the_definition(
        r#"
spec Shapes
const P = symmetric {p1, p2, p3}
type Msg = Req { from: P, to: P } | Tick
var owner: option<P> = none
var voted: P -> set<P> = [p in P: {}]
var msgs: set<Msg> = {}
var log: seq<P, 2> = []
action Send(a: P, b: P) {
    require a != b
    require len(log) < 2
    msgs += {Req { from: a, to: b }}
    log = append(log, a)
}
action Vote(a: P, b: P) {
    require Req { from: a, to: b } in msgs
    voted[b] += {a}
}
action Own(a: P) {
    require owner == none
    owner = some(a)
}
"#,
        200,
    );
}

#[test]
fn two_sets_act_as_their_product() {
    agrees_with_the_definition(
        r#"
spec Product
const P = symmetric {p1, p2, p3}
const V = symmetric {v1, v2}
type Vote = { by: P, val: V }
var chosen: V -> option<P> = [v in V: none]
var votes: set<Vote> = {}
var keyed: Vote -> bool = [x in Vote: false]
action Cast(a: P, v: V) {
    require { by: a, val: v } not in votes
    votes += {{ by: a, val: v }}
}
action Choose(a: P, v: V) {
    require chosen[v] == none
    require { by: a, val: v } in votes
    chosen[v] = some(a)
    keyed[{ by: a, val: v }] = true
}
"#,
        200,
    );
}

#[test]
fn regular_states_that_refinement_cannot_split() {
    // A successor function on four nodes: the cycle (1 2 3 4) and two
    // 2-cycles give every node the same local view.
    agrees_with_the_definition(
        r#"
spec Cycles
const N = symmetric {n1, n2, n3, n4}
var next: N -> N = [n in N: n]
action Point(a: N, b: N) {
    require next[a] == a
    next[a] = b
}
"#,
        100,
    );
}
