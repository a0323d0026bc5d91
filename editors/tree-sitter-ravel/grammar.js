/**
 * Tree-sitter grammar for Ravel specs (.rvl), for editors: highlighting,
 * folding, selection. It follows grammar/ravel.pest, the language's one
 * definition; where the two disagree, ravel.pest is right and this file is
 * a bug. Precedence, loosest first: `=>`, `or`, `and`, `not`, comparisons,
 * `..`, `+ - union`, `* / % intersect`, unary `-`, postfix `.f [i] is T`.
 */

const PREC = {
  implies: 1,
  or: 2,
  and: 3,
  not: 4,
  compare: 5,
  range: 6,
  sum: 7,
  product: 8,
  unary: 9,
  postfix: 10,
};

const commaSep1 = (rule) => seq(rule, repeat(seq(",", rule)), optional(","));
const commaSep = (rule) => optional(commaSep1(rule));

module.exports = grammar({
  name: "ravel",

  extras: ($) => [/\s/, $.comment],
  word: ($) => $.identifier,

  conflicts: ($) => [
    [$._type, $.map_type],
    [$.type_name, $.variant_literal],
    [$._primary, $.variant_literal],
    [$._primary, $.call, $.binder_call],
    [$.set_literal, $.filter_set],
    [$.pattern, $._primary],
    [$.binder, $._primary],
    [$.temporal_forall, $.quantifier],
    [$.pattern, $.none],
    [$.pattern, $.boolean],
    [$.pattern, $.some],
    [$.variant_pattern, $.variant_literal],
    [$.field_pattern, $.field_name],
    [$._primary, $.map_literal],
    [$.type_name, $.call, $.binder_call],
    [$.model_value, $._primary],
    [$.atom, $._primary],
    [$.type_name, $._primary],
    [$._expression, $._sum],
    [$.is_test, $._is_variant],
  ],

  rules: {
    spec: ($) => seq(optional($.spec_header), repeat($._item)),

    comment: (_) =>
      token(choice(seq("//", /[^\n]*/), seq("/*", /[^*]*\*+([^/*][^*]*\*+)*/, "/"))),

    spec_header: ($) => seq("spec", field("name", $.identifier)),

    _item: ($) =>
      choice(
        $.const_declaration,
        $.type_declaration,
        $.var_declaration,
        $.init_declaration,
        $.function_declaration,
        $.action_declaration,
        $.fair_declaration,
        $.property_declaration,
        $.liveness_declaration,
        $.view_declaration,
        $.reduce_declaration,
        $.refines_declaration,
        $.process_declaration,
        $.channel_declaration,
        $.time_declaration,
        $.partition_declaration,
      ),

    // ------------------------------------------------------------ declarations

    const_declaration: ($) =>
      seq("const", field("name", $.identifier), "=", choice($.model_values, $._expression)),
    model_values: ($) =>
      prec(1, seq(optional("symmetric"), "{", commaSep($.model_value), "}")),
    model_value: ($) => $.identifier,

    type_declaration: ($) =>
      seq("type", field("name", $.identifier), "=", choice($.union_type, $._type)),
    union_type: ($) =>
      prec(1, choice(
        seq($.variant, repeat1(seq("|", $.variant))),
        seq(field("tag", $.identifier), $.record_fields),
      )),
    variant: ($) => seq(field("tag", $.identifier), optional($.record_fields)),
    record_fields: ($) => seq("{", commaSep1($.field_declaration), "}"),
    field_declaration: ($) => seq(field("name", $.field_name), ":", $._type),

    var_declaration: ($) =>
      seq("var", field("name", $.identifier), ":", $._type, optional(seq("=", $._expression))),
    init_declaration: ($) => seq("init", $.block),

    function_declaration: ($) =>
      seq(
        "fn",
        field("name", $.identifier),
        "(",
        commaSep($.parameter),
        ")",
        "->",
        $._type,
        "=",
        field("body", $._expression),
      ),
    parameter: ($) => seq(field("name", $.identifier), ":", $._type),

    action_declaration: ($) =>
      seq(
        optional($.fairness),
        "action",
        field("name", $.identifier),
        optional(seq("(", commaSep($._action_parameter), ")")),
        $.block,
      ),
    fairness: (_) => seq(optional("strong"), "fair"),
    // `fair A or B`: one condition over a group of actions or processes.
    fair_declaration: ($) =>
      seq($.fairness, field("member", $.identifier), repeat(seq("or", field("member", $.identifier)))),
    _action_parameter: ($) => choice($.parameter, $.bound_parameter),
    bound_parameter: ($) =>
      seq($.pattern, optional(seq("from", $.pattern)), "in", $._expression),

    property_declaration: ($) =>
      seq(
        field("kind", choice("invariant", "reachable", "constraint", "terminal", "transition")),
        field("name", $.identifier),
        ":",
        $._expression,
      ),
    view_declaration: ($) => seq("view", ":", commaSep1($._expression)),

    reduce_declaration: ($) => seq("reduce", "interleavings"),
    // `refines "voting.rvl" { votes = e }`: this spec implements that one.
    refines_declaration: ($) =>
      seq(
        "refines",
        field("path", $.string),
        optional(seq("{", repeat(seq($.mapping_entry, optional(","))), "}")),
      ),
    mapping_entry: ($) => seq(field("name", $.identifier), "=", $._expression),
    liveness_declaration: ($) =>
      seq("property", field("name", $.identifier), ":", repeat($.temporal_forall), $._temporal),
    temporal_forall: ($) => seq("forall", commaSep1($.binder), ":"),
    _temporal: ($) =>
      choice(
        seq("always", "eventually", $._expression),
        seq("eventually", "always", $._expression),
        seq("eventually", $._expression),
        prec.left(seq($._expression, "leads_to", $._expression)),
        // `P => eventually Q`: `P` is read in the initial state.
        prec.right(1, seq($._expression, "=>", "eventually", optional("always"), $._expression)),
      ),

    // ------------------------------------------------------------ distributed systems

    process_declaration: ($) =>
      seq(
        optional($.fairness),
        "process",
        field("name", $.identifier),
        optional(seq("[", field("id", $.identifier), "in", $._type, "]")),
        optional(seq("(", commaSep1($.process_option), ")")),
        "{",
        repeat(choice($.process_variable, $.timer_declaration, $.action_declaration)),
        "}",
      ),
    process_option: ($) =>
      choice(seq("crash", optional($.at_most)), "restart", seq("pause", optional($.at_most))),
    at_most: ($) => seq("at", "most", $._expression),
    process_variable: ($) => seq(optional("durable"), $.var_declaration),
    timer_declaration: ($) => seq("timer", commaSep1($.identifier)),

    channel_declaration: ($) =>
      seq(
        "channel",
        field("name", $.identifier),
        ":",
        $._type,
        optional(seq("from", $.identifier, "to", $.identifier)),
        optional(seq("(", commaSep1($.channel_option), ")")),
      ),
    channel_option: ($) =>
      choice(
        "ordered",
        "unordered",
        seq("lossy", optional($.at_most)),
        seq("duplicating", optional($.at_most)),
        "bag",
        "set",
        seq("capacity", $._expression),
      ),
    time_declaration: ($) =>
      seq("time", $._sum, "..", $._sum, optional(seq("(", "drift", $._expression, ")"))),
    partition_declaration: ($) => prec.right(seq("partition", optional($.at_most))),

    // ------------------------------------------------------------ types

    _type: ($) => choice($.map_type, $._type_atom),
    map_type: ($) => prec.right(seq($._type_atom, "->", $._type)),
    _type_atom: ($) =>
      choice(
        $.primitive_type,
        $.set_type,
        $.option_type,
        $.seq_type,
        $.record_fields,
        $.enum_type,
        $.range_type,
        $.type_name,
        seq("(", $._type, ")"),
      ),
    primitive_type: (_) => "bool",
    set_type: ($) => seq("set", "<", $._type, ">"),
    option_type: ($) => seq("option", "<", $._type, ">"),
    seq_type: ($) => seq("seq", "<", $._type, ",", $._sum, ">"),
    enum_type: ($) => seq("{", commaSep1($.atom), "}"),
    atom: ($) => $.identifier,
    range_type: ($) => seq($._sum, "..", $._sum),
    type_name: ($) => $.identifier,

    // ------------------------------------------------------------ statements

    block: ($) => seq("{", repeat($._statement), "}"),
    _statement: ($) =>
      choice(
        $.require_statement,
        $.assert_statement,
        $.let_statement,
        $.if_statement,
        $.choose_statement,
        $.either_statement,
        $.for_statement,
        $.assignment,
        $.send_statement,
        $.timer_statement,
        $.pause_statement,
      ),
    require_statement: ($) => seq("require", $._expression),
    assert_statement: ($) => seq("assert", $._expression, optional(seq(",", $.string))),
    let_statement: ($) => seq("let", field("name", $.identifier), "=", $._expression),
    if_statement: ($) =>
      seq("if", $._expression, $.block, optional(seq("else", choice($.if_statement, $.block)))),
    choose_statement: ($) =>
      seq("choose", $.pattern, "in", choice($._expression, $.every_map), $.block),
    either_statement: ($) => seq("either", $.block, repeat1(seq("or", $.block))),
    for_statement: ($) =>
      seq("for", $.pattern, "in", choice($._expression, $.every_map), $.block),
    assignment: ($) => seq($.place, field("operator", choice("=", "+=", "-=")), $._expression),
    place: ($) =>
      seq($.identifier, repeat(choice(seq("[", $._expression, "]"), seq(".", $.field_name)))),
    send_statement: ($) =>
      prec.right(seq(
        choice("send", "broadcast"),
        $._expression,
        optional(seq("to", $._expression)),
        optional(seq("on", $.identifier)),
      )),
    timer_statement: ($) =>
      choice(seq("start", $.identifier, "after", $._expression), seq("stop", $.identifier)),
    pause_statement: (_) => "pause",

    // ------------------------------------------------------------ patterns

    pattern: ($) =>
      seq(
        choice(
          $.variant_pattern,
          seq("some", "(", $.pattern, ")"),
          "none",
          "_",
          "true",
          "false",
          $.integer,
          seq("-", $.integer),
          $.identifier,
        ),
        optional(seq("as", $.identifier)),
      ),
    variant_pattern: ($) =>
      seq(field("tag", $.identifier), "{", commaSep($.field_pattern), "}"),
    field_pattern: ($) => seq($.field_name, optional(seq(":", $.pattern))),

    // ------------------------------------------------------------ expressions

    _expression: ($) =>
      choice(
        $.binary_expression,
        $.unary_expression,
        $.quantifier,
        $.if_expression,
        $.let_expression,
        $._postfix,
      ),
    _sum: ($) => choice(alias($._sum_binary, $.binary_expression), $.unary_expression, $._postfix),
    _sum_binary: ($) =>
      choice(
        prec.left(PREC.sum, seq($._sum, choice("+", "-", "union", "++"), $._sum)),
        prec.left(PREC.product, seq($._sum, choice("*", "/", "%", "intersect"), $._sum)),
      ),

    binary_expression: ($) =>
      choice(
        prec.right(PREC.implies, seq($._expression, "=>", $._expression)),
        prec.left(PREC.or, seq($._expression, "or", $._expression)),
        prec.left(PREC.and, seq($._expression, "and", $._expression)),
        prec.left(
          PREC.compare,
          seq($._expression, choice("==", "!=", "<", "<=", ">", ">=", "in", seq("not", "in")), $._expression),
        ),
        prec.left(PREC.range, seq($._expression, "..", $._expression)),
        prec.left(PREC.sum, seq($._expression, choice("+", "-", "union", "++"), $._expression)),
        prec.left(PREC.product, seq($._expression, choice("*", "/", "%", "intersect"), $._expression)),
      ),
    unary_expression: ($) =>
      choice(
        prec(PREC.not, seq("not", $._expression)),
        prec(PREC.unary, seq("-", $._expression)),
      ),

    _postfix: ($) =>
      choice($.field_access, $.index, $.is_test, $._primary),
    field_access: ($) => prec(PREC.postfix, seq($._postfix, ".", $.field_name)),
    index: ($) => prec(PREC.postfix, seq($._postfix, "[", $._expression, "]")),
    is_test: ($) =>
      prec(
        PREC.postfix,
        seq($._postfix, "is", choice(field("tag", $.identifier), field("pattern", $.is_pattern))),
      ),
    // A pattern after `is`: a variant pattern needs a field (a bare name is a tag).
    is_pattern: ($) =>
      seq(
        choice(
          alias($._is_variant, $.variant_pattern),
          seq("some", "(", $.pattern, ")"),
          "none",
          "true",
          "false",
          $.integer,
          seq("-", $.integer),
        ),
        optional(seq("as", $.identifier)),
      ),
    _is_variant: ($) =>
      prec(PREC.postfix, seq(field("tag", $.identifier), "{", commaSep1($.field_pattern), "}")),

    _primary: ($) =>
      choice(
        seq("(", $._expression, ")"),
        $.integer,
        $.boolean,
        $.none,
        $.some,
        $.cardinality,
        $.map_literal,
        $.sequence_literal,
        $.sequence_comprehension,
        $.record_literal,
        $.comprehension,
        $.filter_set,
        $.set_literal,
        $.variant_literal,
        $.pick,
        $.binder_call,
        $.call,
        $.identifier,
      ),
    boolean: (_) => choice("true", "false"),
    none: (_) => "none",
    some: ($) => seq("some", "(", $._expression, ")"),
    cardinality: ($) => seq("|", $._expression, "|"),
    quantifier: ($) =>
      prec.right(seq(choice("forall", "exists"), commaSep1($.binder), ":", $._expression)),
    binder: ($) => seq($.pattern, repeat(seq(",", $.pattern)), "in", $._sum_or_range),
    _sum_or_range: ($) =>
      choice($._sum, alias($.range_expression, $.binary_expression), $.every_map),
    // `f in K -> V`: every map from K to V.
    every_map: ($) => prec(2, seq($._type_atom, "->", $._type)),
    range_expression: ($) => prec.left(PREC.range, seq($._sum, "..", $._sum)),
    pick: ($) =>
      prec.right(
        seq("pick", field("name", $.identifier), "in", $._sum_or_range, optional(seq(":", $._expression))),
      ),
    if_expression: ($) =>
      prec.right(seq("if", $._expression, "then", $._expression, "else", $._expression)),
    let_expression: ($) =>
      prec.right(seq("let", field("name", $.identifier), "=", $._expression, ";", $._expression)),
    map_literal: ($) =>
      seq("[", field("key", $.identifier), "in", $._sum_or_range, ":", $._expression, "]"),
    sequence_literal: ($) => seq("[", commaSep($._expression), "]"),
    // `[f(x) for x in s if p]`: a sequence from the items of a sequence.
    sequence_comprehension: ($) =>
      seq("[", $._expression, "for", $.pattern, "in", $._sum_or_range, optional(seq("if", $._expression)), "]"),
    record_literal: ($) => seq("{", commaSep1($.field_init), "}"),
    field_init: ($) => seq($.field_name, ":", $._expression),
    comprehension: ($) =>
      seq("{", $._expression, "for", $.binder, optional(seq("if", $._expression)), "}"),
    filter_set: ($) => seq("{", $.pattern, "in", $._sum_or_range, "if", $._expression, "}"),
    set_literal: ($) => seq("{", commaSep($._expression), "}"),
    variant_literal: ($) =>
      seq(field("tag", $.identifier), "{", commaSep1($.field_init), "}"),
    call: ($) => seq(field("function", $.identifier), "(", commaSep($._expression), ")"),
    // `sum(x in S: e)` and `fold(acc = 0, x in S: acc + x)`: `sum` and
    // `fold` are not reserved, so these are calls with a binder.
    binder_call: ($) =>
      seq(
        field("function", $.identifier),
        "(",
        optional(seq(field("accumulator", $.identifier), "=", $._expression, ",")),
        $.pattern,
        "in",
        $._sum_or_range,
        ":",
        $._expression,
        ")",
      ),

    field_name: ($) => $.identifier,
    identifier: (_) => /[A-Za-z_][A-Za-z0-9_]*/,
    integer: (_) => /[0-9]+/,
    string: (_) => token(seq('"', repeat(choice(/[^"\\\n]/, /\\["\\n]/)), '"')),
  },
});
