//! A generator of random well-typed specs, for differential testing and
//! fuzzing: unions whose variants share a field name with different
//! ranges, records, maps, sequences, options, sets, nested
//! comprehensions and quantifiers, sequence operations (`++`, `sub`,
//! `[e for x in s if p]`), folds and sums, and `choose`/`either`/`if`/`for`
//! in actions. Every value stays in its type (integers are clamped with
//! `min`/`max`), so a spec checks and runs; state spaces stay small.
//!
//! Deterministic: the same seed (or the same bytes) gives the same spec.

#![allow(dead_code)]

pub mod channels;

/// Where choices come from: a seed (xorshift64*) or a fuzzer's bytes.
pub struct Gen<'a> {
    bytes: &'a [u8],
    seed: u64,
    /// Whether to read `u.b` from a union whose variants declare `b` with
    /// different ranges (issue 13, item 1: the fast path read it wrongly
    /// before its fix; off, the generator avoids the construct).
    pub union_field_reads: bool,
    /// Declare `E` as a `symmetric` set of model values and name none of
    /// its values (no variable of type `E`, no literal), so that symmetry
    /// reduction applies to the sets of `E` the spec builds.
    pub symmetric: bool,
    /// Declare `reduce interleavings`, with more variables and actions
    /// (so that some steps are independent).
    pub por: bool,
}

/// The variable types a spec may use, with the declarations they need.
const TYPES: &[&str] = &[
    "bool",
    "0..3",
    "E",
    "set<E>",
    "option<0..2>",
    "R",
    "U",
    "set<U>",
    "0..1 -> 0..2",
    "seq<0..1, 2>",
];

const PRELUDE: &str = "type E = {ea, eb, ec}
type U = A { b: 0..1 } | B { b: 0..2, c: bool } | C
type R = { f: 0..2, g: bool }
";

impl<'a> Gen<'a> {
    /// Choices from a seed.
    pub fn seeded(seed: u64) -> Gen<'static> {
        Gen {
            bytes: &[],
            seed: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
            union_field_reads: true,
            symmetric: false,
            por: false,
        }
    }

    /// Choices from bytes (then zeros).
    pub fn from_bytes(bytes: &'a [u8]) -> Gen<'a> {
        Gen {
            bytes,
            seed: 0,
            union_field_reads: true,
            symmetric: false,
            por: false,
        }
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        if self.seed != 0 {
            self.seed ^= self.seed >> 12;
            self.seed ^= self.seed << 25;
            self.seed ^= self.seed >> 27;
            return (self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n;
        }
        match self.bytes.split_first() {
            Some((b, rest)) => {
                self.bytes = rest;
                *b as usize % n
            }
            None => 0,
        }
    }

    fn one<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.below(items.len())]
    }
}

/// A spec being written: its variables (name, type) and a counter for
/// fresh local names.
struct Spec<'g, 'a> {
    g: &'g mut Gen<'a>,
    vars: Vec<(String, &'static str)>,
    fresh: usize,
}

/// A random spec: a few variables, two or three actions, properties.
pub fn spec(g: &mut Gen) -> String {
    let mut s = Spec {
        g,
        vars: Vec::new(),
        fresh: 0,
    };
    let mut out = String::from(PRELUDE);
    if s.g.symmetric {
        out = out.replace("type E = {ea, eb, ec}", "const E = symmetric {ea, eb, ec}");
    }
    if s.g.por {
        out.push_str("reduce interleavings\n");
    }
    let n = 1 + s.g.below(3) + usize::from(s.g.por) * 2;
    // Initial values read no variable.
    let mut vars = Vec::new();
    for i in 0..n {
        let mut ty = TYPES[s.g.below(TYPES.len())];
        while s.g.symmetric && ty == "E" {
            ty = TYPES[s.g.below(TYPES.len())];
        }
        if s.g.symmetric && i == 0 {
            ty = "set<E>";
        }
        let init = s.expr(ty, 1, &[]);
        out.push_str(&format!("var v{i}: {ty} = {init}\n"));
        vars.push((format!("v{i}"), ty));
    }
    s.vars = vars;
    let all = s.vars.clone();
    for a in 0..1 + s.g.below(3) + usize::from(s.g.por) * 2 {
        if s.g.por {
            // Each action sees one or two of the variables, so that some
            // pairs touch disjoint state.
            let first = s.g.below(all.len());
            let second = s.g.below(all.len());
            s.vars = vec![all[first].clone()];
            if second != first && s.g.below(2) == 0 {
                s.vars.push(all[second].clone());
            }
        }
        let (params, locals) = s.params();
        let body = s.block(2, &locals);
        out.push_str(&format!("action Act{a}{params} {body}\n"));
    }
    for p in 0..1 + s.g.below(2) {
        s.vars = all.clone();
        if s.g.por {
            // Properties read one variable: the others' steps are
            // invisible.
            s.vars = vec![all[s.g.below(all.len())].clone()];
        }
        let e = s.expr("bool", 2, &[]);
        // Mostly true, so that the search goes on: `e` is still evaluated
        // in every state.
        let e = if s.g.below(4) == 0 {
            e
        } else {
            format!("{e} or true")
        };
        out.push_str(&format!("invariant Inv{p}: {e}\n"));
    }
    out
}

impl Spec<'_, '_> {
    fn local(&mut self) -> String {
        self.fresh += 1;
        format!("l{}", self.fresh)
    }

    /// An action's parameters and the locals they bind.
    fn params(&mut self) -> (String, Vec<(String, &'static str)>) {
        // With a symmetric `E`, values of `E` come from parameters.
        let pick = if self.g.symmetric && self.g.below(2) == 0 {
            2
        } else {
            self.g.below(4)
        };
        match pick {
            0 => (String::new(), Vec::new()),
            1 => {
                let l = self.local();
                (format!("({l}: 0..1)"), vec![(l, "0..1")])
            }
            2 => {
                let l = self.local();
                (format!("({l}: E)"), vec![(l, "E")])
            }
            _ => match self.var_of("set<U>") {
                Some(set) => {
                    let l = self.local();
                    (format!("(A {{ b: {l} }} in {set})"), vec![(l, "0..1")])
                }
                None => (String::new(), Vec::new()),
            },
        }
    }

    /// A variable or local of type `ty`, if there is one.
    fn var_of(&mut self, ty: &str) -> Option<String> {
        let names: Vec<String> = self
            .vars
            .iter()
            .filter(|(_, t)| *t == ty)
            .map(|(n, _)| n.clone())
            .collect();
        (!names.is_empty()).then(|| names[self.g.below(names.len())].clone())
    }

    fn named(&mut self, ty: &str, locals: &[(String, &'static str)]) -> Option<String> {
        let mut names: Vec<String> = locals
            .iter()
            .filter(|(_, t)| *t == ty)
            .map(|(n, _)| n.clone())
            .collect();
        names.extend(
            self.vars
                .iter()
                .filter(|(_, t)| *t == ty)
                .map(|(n, _)| n.clone()),
        );
        (!names.is_empty()).then(|| names[self.g.below(names.len())].clone())
    }

    /// A block of statements; each variable is assigned at most once on
    /// its straight-line path.
    fn block(&mut self, depth: usize, locals: &[(String, &'static str)]) -> String {
        let mut assigned = Vec::new();
        let mut out = String::from("{\n");
        for _ in 0..1 + self.g.below(3) {
            out.push_str(&self.stmt(depth, locals, &mut assigned));
            out.push('\n');
        }
        out.push('}');
        out
    }

    fn stmt(
        &mut self,
        depth: usize,
        locals: &[(String, &'static str)],
        assigned: &mut Vec<String>,
    ) -> String {
        let choice = match self.g.below(10) {
            0 => 0,
            c if depth == 0 || c < 4 => 1,
            c => c - 2,
        };
        match choice {
            0 => format!("require {}", self.expr("bool", 2, locals)),
            1 => {
                let i = self.g.below(self.vars.len());
                let (name, ty) = self.vars[i].clone();
                if assigned.contains(&name) {
                    return format!("require {}", self.expr("bool", 1, locals));
                }
                assigned.push(name.clone());
                match ty {
                    "R" if self.g.below(2) == 0 => {
                        format!("{name}.f = {}", self.expr("0..2", 2, locals))
                    }
                    "0..1 -> 0..2" if self.g.below(2) == 0 => {
                        let k = self.expr("0..1", 1, locals);
                        format!("{name}[{k}] = {}", self.expr("0..2", 2, locals))
                    }
                    "set<E>" if self.g.below(2) == 0 => {
                        format!("{name} += {{{}}}", self.expr("E", 1, locals))
                    }
                    _ if self.g.below(2) == 0 => {
                        format!("{name} = {}", self.step(&name, ty, locals))
                    }
                    _ => format!("{name} = {}", self.expr(ty, 2, locals)),
                }
            }
            2 => {
                let c = self.expr("bool", 1, locals);
                let then = self.block(depth - 1, locals);
                let other = self.block(depth - 1, locals);
                format!("if {c} {then} else {other}")
            }
            3 => {
                let l = self.local();
                let (domain, ty) = self.domain(locals);
                let mut inner = locals.to_vec();
                inner.push((l.clone(), ty));
                format!("choose {l} in {domain} {}", self.block(depth - 1, &inner))
            }
            4 => {
                let a = self.block(depth - 1, locals);
                let b = self.block(depth - 1, locals);
                format!("either {a} or {b}")
            }
            5 => {
                let l = self.local();
                let (domain, ty) = self.domain(locals);
                let mut inner = locals.to_vec();
                inner.push((l.clone(), ty));
                format!("for {l} in {domain} {}", self.block(depth - 1, &inner))
            }
            _ => format!("let {} = {}", self.local(), self.expr("0..3", 1, locals)),
        }
    }

    /// A new value for variable `name` of type `ty` made from its current
    /// one, so that actions walk through the state space.
    fn step(&mut self, name: &str, ty: &str, locals: &[(String, &'static str)]) -> String {
        match ty {
            "bool" => format!("not {name}"),
            "0..3" => format!(
                "(if {name} < 3 then {name} + 1 else {})",
                self.expr("0..3", 0, locals)
            ),
            "E" if self.g.symmetric => self.expr("E", 0, locals),
            "set<E>" if self.g.symmetric => {
                let named: Vec<&String> = locals
                    .iter()
                    .filter(|(_, t)| *t == "E")
                    .map(|(l, _)| l)
                    .collect();
                match (named.len(), self.g.below(3)) {
                    (0, _) => name.to_string(),
                    (n, 0) => format!("({name} - {{{}}})", named[self.g.below(n)]),
                    (n, _) => format!("({name} union {{{}}})", named[self.g.below(n)]),
                }
            }
            "E" => format!("(if {name} == ea then eb else if {name} == eb then ec else ea)"),
            "set<E>" => format!("({name} union {{{}}})", self.expr("E", 1, locals)),
            "option<0..2>" => format!(
                "(if {name} == none then some({}) else none)",
                self.expr("0..2", 1, locals)
            ),
            "R" => format!("{{ f: (if {name}.f < 2 then {name}.f + 1 else 0), g: not {name}.g }}"),
            "U" => format!(
                "(if {name} is A then B {{ b: {}, c: true }} else A {{ b: {} }})",
                self.expr("0..2", 1, locals),
                self.expr("0..1", 1, locals)
            ),
            "set<U>" => format!("({name} union {{{}}})", self.expr("U", 1, locals)),
            "0..1 -> 0..2" => format!("[k in 0..1: (if {name}[k] < 2 then {name}[k] + 1 else 0)]"),
            _ => match self.g.below(2) {
                0 => format!(
                    "(if len({name}) < 2 then append({name}, {}) else tail({name}))",
                    self.expr("0..1", 1, locals)
                ),
                _ => format!(
                    "(if len({name}) < 2 then {name} ++ [{}] else sub({name}, 1, 2))",
                    self.expr("0..1", 1, locals)
                ),
            },
        }
    }

    /// A set to bind over, and its element type.
    fn domain(&mut self, locals: &[(String, &'static str)]) -> (String, &'static str) {
        match self.g.below(3) {
            0 => ("0..2".to_string(), "0..2"),
            1 => (self.expr("set<E>", 1, locals), "E"),
            _ => ("E".to_string(), "E"),
        }
    }

    /// An integer of any small range.
    fn any_int(&mut self, depth: usize, locals: &[(String, &'static str)]) -> String {
        let leaf = depth == 0;
        match if leaf {
            self.g.below(3)
        } else {
            self.g.below(12)
        } {
            0 => self.g.below(4).to_string(),
            1 => self
                .named("0..3", locals)
                .unwrap_or_else(|| "2".to_string()),
            2 => self
                .named("0..2", locals)
                .or_else(|| self.named("0..1", locals))
                .unwrap_or_else(|| "1".into()),
            3 => format!(
                "({} + {})",
                self.any_int(depth - 1, locals),
                self.any_int(depth - 1, locals)
            ),
            4 => format!(
                "({} - {})",
                self.any_int(depth - 1, locals),
                self.any_int(depth - 1, locals)
            ),
            5 => format!("|{}|", self.expr("set<E>", depth - 1, locals)),
            6 => format!("{}.f", self.expr("R", depth - 1, locals)),
            7 if self.g.union_field_reads => {
                let u = self.expr("U", depth - 1, locals);
                format!("(if {u} is C then 0 else {u}.b)")
            }
            7 => {
                let u = self.expr("U", depth - 1, locals);
                format!("(if {u} is A then 1 else 2)")
            }
            8 => {
                let m = self.expr("0..1 -> 0..2", depth - 1, locals);
                format!("{m}[{}]", self.expr("0..1", 0, locals))
            }
            9 => format!("sum({})", self.typed("seq<0..1, 2>", depth - 1, locals)),
            10 => {
                let l = self.local();
                let mut inner = locals.to_vec();
                inner.push((l.clone(), "0..1"));
                let s = self.typed("seq<0..1, 2>", depth - 1, locals);
                format!("sum({l} in {s}: {})", self.any_int(depth - 1, &inner))
            }
            _ => {
                // A fold over a set (in value order) or a sequence.
                let (acc, l) = (self.local(), self.local());
                let (dom, elem) = match self.g.below(2) {
                    0 => self.domain(locals),
                    _ => (self.typed("seq<0..1, 2>", depth - 1, locals), "0..1"),
                };
                let mut inner = locals.to_vec();
                // The accumulator is any integer: no one asks for an "int".
                inner.push((acc.clone(), "int"));
                inner.push((l.clone(), elem));
                let first = self.any_int(depth - 1, locals);
                let step = self.any_int(depth - 1, &inner);
                let test = self.boolean(depth - 1, &inner);
                format!(
                    "fold({acc} = {first}, {l} in {dom}: if {test} then {acc} * 2 - {step} else {acc})"
                )
            }
        }
    }

    /// An expression of type `ty`.
    fn expr(&mut self, ty: &str, depth: usize, locals: &[(String, &'static str)]) -> String {
        if depth > 0 && self.g.below(6) == 0 {
            let c = self.expr("bool", depth - 1, locals);
            let a = self.expr(ty, depth - 1, locals);
            let b = self.expr(ty, depth - 1, locals);
            return format!("(if {c} then {a} else {b})");
        }
        if self.g.below(3) == 0
            && let Some(name) = self.named(ty, locals)
        {
            return name;
        }
        let d = depth.saturating_sub(1);
        let leaf = depth == 0;
        match ty {
            "bool" => self.boolean(depth, locals),
            "0..1" | "0..2" | "0..3" => {
                let hi = &ty[3..];
                if leaf || self.g.below(2) == 0 {
                    let hi: usize = hi.parse().unwrap_or(1);
                    return self.g.below(hi + 1).to_string();
                }
                format!("min(max({}, 0), {hi})", self.any_int(d, locals))
            }
            "E" if self.g.symmetric => {
                // A value of `E` bound here, or (singling one out) a literal.
                let named: Vec<&String> = locals
                    .iter()
                    .filter(|(_, t)| *t == "E")
                    .map(|(l, _)| l)
                    .collect();
                match named.len() {
                    0 => "ea".to_string(),
                    n => named[self.g.below(n)].clone(),
                }
            }
            "E" => self.g.one(&["ea", "eb", "ec"]).to_string(),
            "set<E>" if self.g.symmetric && (leaf || self.g.below(5) == 0) => {
                self.g.one(&["{ e in E if false }", "E"]).to_string()
            }
            "set<E>" => match if leaf { 0 } else { self.g.below(5) } {
                0 => self
                    .g
                    .one(&["{ e in E if false }", "{ea}", "{eb, ec}", "E"])
                    .to_string(),
                1 => format!(
                    "({} union {})",
                    self.expr("set<E>", d, locals),
                    self.expr("set<E>", d, locals)
                ),
                2 => {
                    let l = self.local();
                    let mut inner = locals.to_vec();
                    inner.push((l.clone(), "E"));
                    let s = self.expr("set<E>", d, locals);
                    format!("{{ {l} in {s} if {} }}", self.expr("bool", d, &inner))
                }
                3 => {
                    let l = self.local();
                    let mut inner = locals.to_vec();
                    inner.push((l.clone(), "E"));
                    let s = self.expr("set<E>", d, locals);
                    format!("{{ {} for {l} in {s} }}", self.expr("E", d, &inner))
                }
                _ => format!(
                    "({} intersect {})",
                    self.expr("set<E>", d, locals),
                    self.expr("set<E>", d, locals)
                ),
            },
            "option<0..2>" => match self.g.below(2) {
                0 => "none".to_string(),
                _ => format!("some({})", self.expr("0..2", d, locals)),
            },
            "R" => format!(
                "{{ f: {}, g: {} }}",
                self.expr("0..2", d, locals),
                self.expr("bool", d, locals)
            ),
            "U" => match self.g.below(3) {
                0 => format!("A {{ b: {} }}", self.expr("0..1", d, locals)),
                1 => format!(
                    "B {{ b: {}, c: {} }}",
                    self.expr("0..2", d, locals),
                    self.expr("bool", d, locals)
                ),
                _ => "C".to_string(),
            },
            "set<U>" => match if leaf { 0 } else { self.g.below(3) } {
                0 => self
                    .g
                    .one(&[
                        "{ u in {C} if false }",
                        "{C}",
                        "{A { b: 1 }, B { b: 2, c: true }}",
                    ])
                    .to_string(),
                1 => format!(
                    "({} union {{{}}})",
                    self.expr("set<U>", d, locals),
                    self.expr("U", d, locals)
                ),
                _ => {
                    let l = self.local();
                    let mut inner = locals.to_vec();
                    inner.push((l.clone(), "0..2"));
                    let s = self.expr("set<U>", d, locals);
                    format!(
                        "{{ B {{ b: {l}, c: {} }} for {l} in 0..2 }} union {s}",
                        self.expr("bool", d, &inner)
                    )
                }
            },
            "0..1 -> 0..2" => {
                let l = self.local();
                let mut inner = locals.to_vec();
                inner.push((l.clone(), "0..1"));
                format!("[{l} in 0..1: {}]", self.expr("0..2", d, &inner))
            }
            _ => match if leaf {
                self.g.below(3)
            } else {
                self.g.below(7)
            } {
                0 => "[]".to_string(),
                1 => format!("[{}]", self.expr("0..1", d, locals)),
                2 => format!(
                    "[{}, {}]",
                    self.expr("0..1", d, locals),
                    self.expr("0..1", d, locals)
                ),
                3 => {
                    let (a, b) = (self.typed(ty, d, locals), self.typed(ty, d, locals));
                    format!("(if len({a}) + len({b}) <= 2 then {a} ++ {b} else {b})")
                }
                4 => {
                    let s = self.typed(ty, d, locals);
                    let i = self.g.below(2);
                    let j = self.any_int(d, locals);
                    format!("sub({s}, {i}, min(max({j}, 0), len({s})))")
                }
                5 => {
                    let l = self.local();
                    let mut inner = locals.to_vec();
                    inner.push((l.clone(), "0..1"));
                    let s = self.typed(ty, d, locals);
                    format!("[{l} for {l} in {s} if {}]", self.boolean(d, &inner))
                }
                _ => {
                    let l = self.local();
                    let mut inner = locals.to_vec();
                    inner.push((l.clone(), "0..1"));
                    let s = self.typed(ty, d, locals);
                    format!("[{} for {l} in {s}]", self.expr("0..1", d, &inner))
                }
            },
        }
    }

    /// An expression of type `ty` that says its own type (not `none`,
    /// `[]` or an `if` of those), for the left of `==`.
    fn typed(&mut self, ty: &str, depth: usize, locals: &[(String, &'static str)]) -> String {
        if let Some(name) = self.named(ty, locals) {
            return name;
        }
        match ty {
            "option<0..2>" => format!("some({})", self.expr("0..2", depth, locals)),
            "seq<0..1, 2>" => format!("[{}]", self.expr("0..1", depth, locals)),
            _ => {
                let e = self.expr(ty, depth, locals);
                if e.starts_with("(if") {
                    self.typed(ty, 0, locals)
                } else {
                    e
                }
            }
        }
    }

    fn boolean(&mut self, depth: usize, locals: &[(String, &'static str)]) -> String {
        let d = depth.saturating_sub(1);
        if depth == 0 {
            return self.g.one(&["true", "false"]).to_string();
        }
        match self.g.below(12) {
            0 => format!("(not {})", self.boolean(d, locals)),
            1 => format!(
                "({} and {})",
                self.boolean(d, locals),
                self.boolean(d, locals)
            ),
            2 => format!(
                "({} or {})",
                self.boolean(d, locals),
                self.boolean(d, locals)
            ),
            3 => format!(
                "({} => {})",
                self.boolean(d, locals),
                self.boolean(d, locals)
            ),
            4 => format!(
                "({} < {})",
                self.any_int(d, locals),
                self.any_int(d, locals)
            ),
            5 => {
                let ty = TYPES[self.g.below(TYPES.len())];
                format!(
                    "({} == {})",
                    self.typed(ty, d, locals),
                    self.expr(ty, d, locals)
                )
            }
            6 => format!(
                "({} in {})",
                self.expr("E", d, locals),
                self.expr("set<E>", d, locals)
            ),
            7 => {
                let l = self.local();
                let q = self.g.one(&["forall", "exists"]);
                let mut inner = locals.to_vec();
                inner.push((l.clone(), "E"));
                let s = self.expr("set<E>", d, locals);
                format!("({q} {l} in {s}: {})", self.boolean(d, &inner))
            }
            8 => {
                let l = self.local();
                let mut inner = locals.to_vec();
                inner.push((l.clone(), "0..1"));
                let s = self.expr("set<U>", d, locals);
                format!(
                    "(exists A {{ b: {l} }} in {s}: {})",
                    self.boolean(d, &inner)
                )
            }
            9 if self.g.union_field_reads => {
                let l = self.local();
                let mut inner = locals.to_vec();
                inner.push((l.clone(), "U"));
                let s = self.expr("set<U>", d, locals);
                format!("(forall {l} in {s}: {l} is C or {l}.b <= 1)")
            }
            9 => format!("({} == none)", self.typed("option<0..2>", d, locals)),
            10 => {
                let (acc, l) = (self.local(), self.local());
                let mut inner = locals.to_vec();
                inner.push((acc.clone(), "bool"));
                inner.push((l.clone(), "0..1"));
                let s = self.typed("seq<0..1, 2>", d, locals);
                format!(
                    "fold({acc} = {}, {l} in {s}: {acc} != {})",
                    self.boolean(d, locals),
                    self.boolean(d, &inner)
                )
            }
            _ => format!(
                "({} is {})",
                self.expr("U", d, locals),
                self.g.one(&["A", "B", "C"])
            ),
        }
    }
}
