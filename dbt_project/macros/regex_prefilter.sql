{#- Literal prefilters for the seed patterns of seed_pattern_matches (macros/regex_matching.sql).

    required_fragments(pattern, case_insensitive) returns a list of [fragment, case_insensitive] pairs,
    one per top-level alternative of the pattern, such that every match of the pattern contains one of
    the fragments as a substring of one space-delimited token of the text: lowercased token when the pair
    says case_insensitive, the token as written otherwise. An empty list means no such guarantee could be
    derived and the pattern must be tried on every text.

    Only what is certain is used: runs of literal characters outside character classes, not followed by
    a quantifier that allows zero repetitions, and not separated by a space (a fragment never spans two
    tokens), or a group that must match, through the fragments of its own alternatives. A top-level
    alternation gives the fragments of every alternative; an alternative wrapped whole in (?i:...) or
    (?-i:...) is read with that case flag. Anything unusual (other inline flags, escapes that are not
    classes or punctuation, unbalanced syntax) gives no fragment.

    Case-insensitive fragments keep only ASCII characters whose Unicode case folding stays in ASCII, so
    that lower() of any text RE2 matches case-insensitively contains the fragment: 'k' and 's' are left
    out (RE2 folds the Kelvin sign into k and the long s into s). -#}

{% macro _pattern_top_level_alternatives(pattern) -%}
    {%- set ns = namespace(alts=[], start=0, depth=0, in_class=false, class_start=-1, skip=-1) -%}
    {%- for ch in pattern -%}
        {%- set i = loop.index0 -%}
        {%- if i > ns.skip -%}
            {%- if ch == '\\' -%}
                {%- set ns.skip = i + 1 -%}
            {%- elif ns.in_class -%}
                {%- if ch == ']' and i > ns.class_start -%}{%- set ns.in_class = false -%}{%- endif -%}
            {%- elif ch == '[' -%}
                {%- set ns.in_class = true -%}
                {%- set ns.class_start = i + 2 if pattern[i + 1:i + 2] == '^' else i + 1 -%}
            {%- elif ch == '(' -%}
                {%- set ns.depth = ns.depth + 1 -%}
            {%- elif ch == ')' -%}
                {%- set ns.depth = ns.depth - 1 -%}
            {%- elif ch == '|' and ns.depth == 0 -%}
                {%- set ns.alts = ns.alts + [pattern[ns.start:i]] -%}
                {%- set ns.start = i + 1 -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(ns.alts + [pattern[ns.start:]]) }}
{%- endmacro %}

{#- True when the parentheses of `pattern` (outside classes and escapes) never close more than they
    opened and all close by the end. -#}
{% macro _pattern_is_balanced(pattern) -%}
    {%- set ns = namespace(depth=0, ok=true, in_class=false, class_start=-1, skip=-1) -%}
    {%- for ch in pattern -%}
        {%- set i = loop.index0 -%}
        {%- if i > ns.skip -%}
            {%- if ch == '\\' -%}
                {%- set ns.skip = i + 1 -%}
            {%- elif ns.in_class -%}
                {%- if ch == ']' and i > ns.class_start -%}{%- set ns.in_class = false -%}{%- endif -%}
            {%- elif ch == '[' -%}
                {%- set ns.in_class = true -%}
                {%- set ns.class_start = i + 2 if pattern[i + 1:i + 2] == '^' else i + 1 -%}
            {%- elif ch == '(' -%}
                {%- set ns.depth = ns.depth + 1 -%}
            {%- elif ch == ')' -%}
                {%- set ns.depth = ns.depth - 1 -%}
                {%- if ns.depth < 0 -%}{%- set ns.ok = false -%}{%- endif -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(ns.ok and ns.depth == 0 and not ns.in_class) }}
{%- endmacro %}

{#- For a pattern without top-level alternation: the [fragment, case_insensitive] pairs one of which every
    match contains, [] if none. Candidates are the literal runs (one fragment each) and the groups that
    must match (their alternatives' fragments, recursively); the one whose shortest fragment is longest
    wins. -#}
{% macro _pattern_requirement(pattern, case_insensitive) -%}
    {%- set ci_safe = 'abcdefghijlmnopqrtuvwxyz0123456789-.,;:\'"/&%()[]{}!?_#@+*=<>' -%}
    {%- set ns = namespace(runs=[], groups=[], cur='', depth=0, group_start=-1, in_class=false, class_start=-1, skip=-1, bail=false) -%}
    {%- for ch in pattern -%}
        {%- set i = loop.index0 -%}
        {%- set nxt = pattern[i + 1:i + 2] -%}
        {%- if i <= ns.skip or ns.bail -%}
            {#- consumed, or already given up -#}
        {%- elif ns.in_class -%}
            {%- if ch == '\\' -%}
                {%- set ns.skip = i + 1 -%}
            {%- elif ch == '[' and nxt == ':' -%}
                {%- set ns.bail = true -%}
            {%- elif ch == ']' and i > ns.class_start -%}
                {%- set ns.in_class = false -%}
            {%- endif -%}
        {%- elif ch == '[' -%}
            {%- set ns.runs = ns.runs + [ns.cur] -%}{%- set ns.cur = '' -%}
            {%- set ns.in_class = true -%}
            {%- set ns.class_start = i + 2 if nxt == '^' else i + 1 -%}
        {%- elif ns.depth > 0 -%}
            {%- if ch == '\\' -%}
                {%- set ns.skip = i + 1 -%}
            {%- elif ch == '(' -%}
                {%- set ns.depth = ns.depth + 1 -%}
            {%- elif ch == ')' -%}
                {%- set ns.depth = ns.depth - 1 -%}
                {%- if ns.depth == 0 and nxt not in ['?', '*', '{'] -%}
                    {#- a group that must match: its own requirement is a candidate too -#}
                    {%- set content = pattern[ns.group_start + 1:i] -%}
                    {%- set ns.groups = ns.groups + [content[2:] if content.startswith('?:') else content] -%}
                {%- endif -%}
            {%- endif -%}
        {%- elif ch == '\\' -%}
            {%- set ns.skip = i + 1 -%}
            {%- if nxt == '' -%}
                {%- set ns.bail = true -%}
            {%- elif nxt in 'dDwWsSbB' -%}
                {%- set ns.runs = ns.runs + [ns.cur] -%}{%- set ns.cur = '' -%}
            {%- elif nxt.isalnum() or not nxt.isascii() -%}
                {%- set ns.bail = true -%}
            {%- elif nxt == ' ' or (case_insensitive and nxt not in ci_safe) -%}
                {%- set ns.runs = ns.runs + [ns.cur] -%}{%- set ns.cur = '' -%}
            {%- else -%}
                {%- set ns.cur = ns.cur ~ nxt -%}
            {%- endif -%}
        {%- elif ch == '(' -%}
            {%- set ns.runs = ns.runs + [ns.cur] -%}{%- set ns.cur = '' -%}
            {%- set ns.depth = 1 -%}
            {%- set ns.group_start = i -%}
            {%- if nxt == '?' and pattern[i + 2:i + 3] != ':' -%}{%- set ns.bail = true -%}{%- endif -%}
        {%- elif ch in '|)' -%}
            {%- set ns.bail = true -%}
        {%- elif ch in '.^$+' -%}
            {%- set ns.runs = ns.runs + [ns.cur] -%}{%- set ns.cur = '' -%}
        {%- elif ch in '?*{' -%}
            {#- the character before may be absent -#}
            {%- set ns.runs = ns.runs + [ns.cur[:-1]] -%}{%- set ns.cur = '' -%}
            {%- if ch == '{' -%}
                {%- set close = pattern.find('}', i) -%}
                {%- if close < 0 -%}{%- set ns.bail = true -%}{%- else -%}{%- set ns.skip = close -%}{%- endif -%}
            {%- endif -%}
        {%- elif ch == ' ' -%}
            {%- set ns.runs = ns.runs + [ns.cur] -%}{%- set ns.cur = '' -%}
        {%- elif case_insensitive -%}
            {%- set low = ch.lower() if (ch >= 'A' and ch <= 'Z') else ch -%}
            {%- if low in ci_safe -%}
                {%- set ns.cur = ns.cur ~ low -%}
            {%- else -%}
                {%- set ns.runs = ns.runs + [ns.cur] -%}{%- set ns.cur = '' -%}
            {%- endif -%}
        {%- else -%}
            {%- set ns.cur = ns.cur ~ ch -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set best = namespace(value=[], score=0) -%}
    {%- if not (ns.bail or ns.in_class or ns.depth != 0) -%}
        {%- set candidates = [] -%}
        {%- for run in ns.runs + [ns.cur] if run | length >= 2 -%}
            {%- do candidates.append([[run, case_insensitive]]) -%}
        {%- endfor -%}
        {%- for group in ns.groups -%}
            {%- set requirement = required_fragments(group, case_insensitive) -%}
            {%- if requirement | length > 0 -%}{%- do candidates.append(requirement) -%}{%- endif -%}
        {%- endfor -%}
        {#- the candidate whose shortest fragment is longest; the first of equals -#}
        {%- for candidate in candidates -%}
            {%- set score = candidate | map('first') | map('length') | min -%}
            {%- if score > best.score -%}
                {%- set best.value = candidate -%}
                {%- set best.score = score -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(best.value) }}
{%- endmacro %}

{% macro required_fragments(pattern, case_insensitive) -%}
    {%- set ns = namespace(out=[], ok=true) -%}
    {%- for alt in _pattern_top_level_alternatives(pattern) -%}
        {%- set a = namespace(text=alt, ci=case_insensitive) -%}
        {%- for prefix, flag in [['(?i:', true], ['(?-i:', false]] -%}
            {%- set inner = alt[prefix | length:-1] -%}
            {%- if alt.startswith(prefix) and alt.endswith(')') and _pattern_is_balanced(inner)
                and _pattern_top_level_alternatives(inner) | length == 1 -%}
                {%- set a.text = inner -%}
                {%- set a.ci = flag -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set requirement = _pattern_requirement(a.text, a.ci) -%}
        {%- if requirement | length == 0 -%}
            {%- set ns.ok = false -%}
        {%- else -%}
            {%- set ns.out = ns.out + requirement -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(ns.out if ns.ok else []) }}
{%- endmacro %}
