"""Every reference form the parser produces passes the warehouse's clause_ref_format rule, so a UN, EP or
PACE document never blocks a publish on its own references."""

import re
import textwrap

import pytest

from pipelines.findings.integrity import CLAUSE_REF_REGEX
from pipelines.parsing import parse_text

VARIANTS = {
    "nato": """
        RESOLUTION 1
        The Assembly,
        1. Noting the report;
        2. Noting the report again;
        2. Welcoming the plan;
        3. URGES member governments:
        to act;
        """ + "\n".join(f"to act {i};" for i in range(30)) + "\n",
    "un": """
        The General Assembly,
        Recalling its resolution 74/19,
        1. Requests the Secretary-General:
        (a) To report;
        (b) To publish.
        """,
    "ep": """
        The European Parliament,
        – having regard to Article 42,
        A. whereas the Union acts;
        B. whereas partners act;
        1. Calls on the Member States to act;
        """,
    "pace": """
        Resolution 2501 (2023)
        1. The Assembly is concerned.
        2. The Assembly therefore calls on member States to:
        2.1. ratify the convention;
        2.2. cooperate.
        """,
    "dashes": """
        The Assembly,
        – Recognising the stakes;
        – URGES member governments:
        – to act.
        """,
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_reference_the_parser_gives_passes_the_format_rule(name):
    refs = [c.ref for d in parse_text(textwrap.dedent(VARIANTS[name]), f"{name}.txt") for c in d.clauses]
    assert refs
    bad = [r for r in refs if not re.fullmatch(CLAUSE_REF_REGEX, r)]
    assert not bad, f"{name}: {bad} fail {CLAUSE_REF_REGEX}"


@pytest.mark.parametrize("ref", ["", "12.", "a", "12.c.d", "p 3", "12;drop", "1.2.3"])
def test_malformed_references_fail_the_rule(ref):
    assert not re.fullmatch(CLAUSE_REF_REGEX, ref)
