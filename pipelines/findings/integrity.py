"""What every parsed document must satisfy before it is loaded: the shape the warehouse invariants
expect of its clauses. A document that breaks one is the parser's fault on an unusual text, not a
fault of the build: it is held back with the defect as its reason, so the invariants hold for the
rest and one unusual file never blocks the publish."""

from __future__ import annotations

import re

from pipelines.parsing.model import ParsedDocument

# The reference forms the parser gives (pipelines/parsing/assemble.py): numbered clauses "12", a declaration's
# decimal paragraphs "1.2" (their items "1.2.a"); unnumbered preambular paragraphs of UN or EP texts "pp3";
# EP recitals "A", "AB"; a repeated number "12-2"; sub-clauses lettered "12.c", "12.aa" or numbered "12.1"
# (PACE), and items of a list nested in a lettered one "6.c.ii". Anything else is a reference nobody can cite.
CLAUSE_REF_REGEX = (r"^([0-9]+\.[0-9]+(\.[a-z]+)?"
                    r"|([0-9]+|pp[0-9]+|[A-Z]{1,2})(-[0-9]+)?(\.([a-z]+(\.[ivxl]+)?|[0-9]+))?)$")
_CLAUSE_REF = re.compile(CLAUSE_REF_REGEX)


def parse_defects(doc: ParsedDocument) -> list[str]:
    """Each way ``doc``'s clauses break the shape the warehouse requires, in words."""
    defects = []
    n = len(doc.source_text)
    refs = [c.ref for c in doc.clauses]
    if len(set(refs)) != len(refs):
        defects.append("a clause reference appears twice")
    known = set(refs)
    for c in doc.clauses:
        if not c.text.strip():
            defects.append(f"clause {c.ref} has no text")
        if not 0 <= c.char_start < c.char_end <= n:
            defects.append(f"clause {c.ref} has the span [{c.char_start}, {c.char_end}) outside the text")
        if not _CLAUSE_REF.match(c.ref):
            defects.append(f"clause reference {c.ref!r} is not a form the warehouse knows")
        if (c.kind == "sub_operative") != (c.parent_ref is not None) or (c.parent_ref and c.parent_ref not in known):
            defects.append(f"clause {c.ref} and its parent {c.parent_ref!r} disagree")
    spans = sorted((c.char_start, c.char_end, c.ref) for c in doc.clauses)
    for (_, e1, r1), (s2, _, r2) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            defects.append(f"clauses {r1} and {r2} overlap")
    return defects
