; Highlight queries for Ravel (the capture names editors share).

(comment) @comment
(string) @string
(integer) @number
(boolean) @constant.builtin
(none) @constant.builtin

[
  "spec" "const" "type" "var" "init" "fn" "action" "invariant" "reachable"
  "constraint" "terminal" "transition" "property" "process" "channel" "time" "partition"
  "timer" "durable" "view" "reduce" "interleavings" "refines"
] @keyword

[
  "require" "assert" "let" "if" "then" "else" "choose" "either" "or" "for"
  "send" "broadcast" "start" "stop" "after" "to" "on" "from"
] @keyword.control

(pause_statement) @keyword.control

[ "forall" "exists" "pick" "always" "eventually" "leads_to" ] @keyword.operator

[ "and" "not" "in" "union" "intersect" "is" "as" ] @keyword.operator

[ "fair" "strong" "symmetric" "crash" "restart" "pause" "at" "most" "ordered"
  "unordered" "lossy" "duplicating" "bag" "capacity" "drift" ] @keyword.modifier

[ "=>" "->" "==" "!=" "<" "<=" ">" ">=" ".." "+" "-" "*" "/" "%" "=" "+=" "-=" "|" ] @operator

[ "(" ")" "[" "]" "{" "}" ] @punctuation.bracket
[ "," ":" ";" "." ] @punctuation.delimiter

(primitive_type) @type.builtin
[ "set" "option" "seq" ] @type.builtin
(type_name) @type
(type_declaration name: (identifier) @type.definition)
(variant tag: (identifier) @constructor)
(union_type tag: (identifier) @constructor)
(variant_literal tag: (identifier) @constructor)
(variant_pattern tag: (identifier) @constructor)
(is_test tag: (identifier) @constructor)
(atom) @constant
(model_value) @constant

(spec_header name: (identifier) @module)
(const_declaration name: (identifier) @constant)
(var_declaration name: (identifier) @variable)
(function_declaration name: (identifier) @function)
(action_declaration name: (identifier) @function)
(process_declaration name: (identifier) @module)
(fair_declaration member: (identifier) @function)
(channel_declaration name: (identifier) @variable)
(property_declaration name: (identifier) @label)
(liveness_declaration name: (identifier) @label)
(parameter name: (identifier) @variable.parameter)
(call function: (identifier) @function.call)
(field_name) @property
(binder_call function: (identifier) @function.call)
