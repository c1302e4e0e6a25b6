"""`resolutions run` progress: plain lines for logs and pipes, a counting line on a terminal."""

import io

from pipelines.commands.printer import Printer


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


STEPS = ["  staging /w/.staging/1/warehouse.duckdb", "  dbt built fct_clauses", "  dbt built fct_topics",
         "  dbt built fct_verbs", "  check ge_fct_clauses: 8 rules passed", "  published /w/warehouse.duckdb"]


def test_plain_output_has_one_line_per_step_and_no_control_characters():
    out = io.StringIO()
    printer = Printer(out)
    for step in STEPS:
        printer.stage(step)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(STEPS)
    assert "\r" not in out.getvalue() and "\033" not in out.getvalue()
    assert lines[2].endswith("dbt built fct_topics")


def test_terminal_output_counts_repeated_steps_on_one_line():
    out = FakeTerminal()
    printer = Printer(out)
    for step in STEPS:
        printer.stage(step)
    text = out.getvalue()
    assert "3 dbt models built (fct_verbs)" in text
    assert "1 checks run" in text
    # staging, the dbt counter, the check counter and the publish line: four lines in all
    assert text.count("\n") == 4
