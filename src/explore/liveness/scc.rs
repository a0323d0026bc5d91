//! Strongly connected components, by Tarjan's algorithm without recursion.
//!
//! Takes the [`Graph`] and a set of states (a list, and a membership test
//! that agrees with it), gives the components of the subgraph they induce
//! that can hold a cycle: those of two states or more (the graph has no
//! self-loops). An explicit stack of (state, next edge) replaces the call
//! stack, so a path of millions of states is fine. The scratch arrays are
//! sized once and reset only on the states of each call, so the repeated
//! calls of the fairness refinement cost what their subsets cost.

use super::graph::{Graph, is_cut};

const UNVISITED: u32 = u32::MAX;

/// Reusable scratch space for Tarjan's algorithm over one graph.
pub struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// The explicit call stack: a state, the position of its next edge and
    /// the end of its row.
    calls: Vec<(u32, usize, usize)>,
}

impl Tarjan {
    /// Scratch space for a graph of `n` states.
    pub fn new(n: usize) -> Tarjan {
        Tarjan {
            index: vec![UNVISITED; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            calls: Vec::new(),
        }
    }

    /// The components of two states or more of the subgraph induced by
    /// `nodes` without the `cut` edges ([`Graph::steps`]); `inside(s)` must
    /// be true exactly for the states in `nodes`.
    /// Each component lists its states; components come in the order
    /// Tarjan's algorithm closes them.
    pub fn components(
        &mut self,
        graph: &Graph,
        nodes: &[u32],
        inside: &dyn Fn(u32) -> bool,
        cut: &[bool],
    ) -> Vec<Vec<u32>> {
        for &v in nodes {
            self.index[v as usize] = UNVISITED;
        }
        let mut counter = 0u32;
        let mut out = Vec::new();
        for &root in nodes {
            if self.index[root as usize] != UNVISITED {
                continue;
            }
            self.open(graph, root, &mut counter);
            while let Some(&(v, pos, end)) = self.calls.last() {
                match (pos < end).then(|| graph.target(pos)) {
                    Some(w) => {
                        if let Some(top) = self.calls.last_mut() {
                            top.1 += 1;
                        }
                        if !inside(w) || is_cut(cut, pos) {
                            continue;
                        }
                        if self.index[w as usize] == UNVISITED {
                            self.open(graph, w, &mut counter);
                        } else if self.on_stack[w as usize] {
                            let low = self.low[v as usize].min(self.index[w as usize]);
                            self.low[v as usize] = low;
                        }
                    }
                    None => {
                        self.calls.pop();
                        if let Some(&(u, _, _)) = self.calls.last() {
                            let low = self.low[u as usize].min(self.low[v as usize]);
                            self.low[u as usize] = low;
                        }
                        if self.low[v as usize] == self.index[v as usize] {
                            self.close(v, &mut out);
                        }
                    }
                }
            }
        }
        out
    }

    /// Visit `v`: number it and push it on both stacks.
    fn open(&mut self, graph: &Graph, v: u32, counter: &mut u32) {
        self.index[v as usize] = *counter;
        self.low[v as usize] = *counter;
        *counter += 1;
        self.on_stack[v as usize] = true;
        self.stack.push(v);
        let (start, end) = graph.row(v);
        self.calls.push((v, start, end));
    }

    /// `v` is a component's root: pop the component.
    fn close(&mut self, v: u32, out: &mut Vec<Vec<u32>>) {
        let mut component = Vec::new();
        while let Some(w) = self.stack.pop() {
            self.on_stack[w as usize] = false;
            component.push(w);
            if w == v {
                break;
            }
        }
        if component.len() >= 2 {
            component.reverse();
            out.push(component);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut comps: Vec<Vec<u32>>) -> Vec<Vec<u32>> {
        for c in &mut comps {
            c.sort_unstable();
        }
        comps.sort();
        comps
    }

    #[test]
    fn finds_cycles_and_skips_single_states() {
        // 0 → 1 → 2 → 1, 2 → 3, 3 → 4 → 3, 5 alone.
        let g = Graph::from_rows(
            &[
                &[(1, 0)],
                &[(2, 0)],
                &[(1, 0), (3, 0)],
                &[(4, 0)],
                &[(3, 0)],
                &[],
            ],
            &[0],
        );
        let all: Vec<u32> = (0..6).collect();
        let comps = Tarjan::new(6).components(&g, &all, &|_| true, &[]);
        assert_eq!(sorted(comps), [vec![1, 2], vec![3, 4]]);
    }

    #[test]
    fn respects_the_subset() {
        // A ring 0 → 1 → 2 → 0 with a chord 0 → 2; without 1 only 0 → 2 → 0.
        let g = Graph::from_rows(&[&[(1, 0), (2, 0)], &[(2, 0)], &[(0, 0)]], &[0]);
        let mut t = Tarjan::new(3);
        assert_eq!(
            sorted(t.components(&g, &[0, 1, 2], &|_| true, &[])),
            [vec![0, 1, 2]]
        );
        assert_eq!(
            sorted(t.components(&g, &[0, 2], &|s| s != 1, &[])),
            [vec![0, 2]]
        );
        assert!(t.components(&g, &[1, 2], &|s| s != 0, &[]).is_empty());
    }

    #[test]
    fn a_long_path_needs_no_recursion() {
        let n = 200_000u32;
        let rows: Vec<Vec<(u32, u32)>> = (0..n).map(|s| vec![((s + 1) % n, 0)]).collect();
        let refs: Vec<&[(u32, u32)]> = rows.iter().map(Vec::as_slice).collect();
        let g = Graph::from_rows(&refs, &[0]);
        let all: Vec<u32> = (0..n).collect();
        let comps = Tarjan::new(n as usize).components(&g, &all, &|_| true, &[]);
        assert_eq!(comps.len(), 1);
        assert_eq!(comps[0].len(), n as usize);
    }
}
