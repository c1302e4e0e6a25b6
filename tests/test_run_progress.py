"""`resolutions run` progress: plain lines for logs and pipes, a counting line on a terminal."""

import io
import re

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


# ---------------------------------------------------------------------------------------------
# The steps' progress lines: Dagster log messages, printed by the progress logger when a run selects it

def _job():
    """A one-asset job on the code location's executor and loggers (pipelines/defs/resources.py)."""
    import dagster as dg

    from pipelines.defs.progress import note
    from pipelines.defs.resources import resources

    @dg.asset
    def talker(context) -> None:
        note(context, "parsed doc-1.txt")
        note(context, "check ge_x: 2 rules passed")
        context.log.info("an ordinary log line, not progress")

    return dg.Definitions.merge(resources(), dg.Definitions(assets=[talker])).resolve_implicit_global_asset_job_def()


def test_without_the_progress_logger_the_messages_only_go_to_dagsters_logs(capsys):
    import dagster as dg

    with dg.DagsterInstance.ephemeral() as instance:
        result = _job().execute_in_process(instance=instance)
        logged = [r.event_log_entry.user_message for r in instance.get_records_for_run(result.run_id).records
                  if r.event_log_entry.dagster_event is None]
    assert result.success
    assert "parsed doc-1.txt" in logged and "check ge_x: 2 rules passed" in logged
    printed = capsys.readouterr()
    assert "]   parsed doc-1.txt" not in printed.out + printed.err  # no stamped CLI line
    assert "parsed doc-1.txt" in printed.err  # Dagster's default console logger, as under `make dev`


def test_the_progress_logger_prints_the_progress_messages_and_nothing_of_dagsters(capsys):
    import time

    config = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}},
                          "progress": {"config": {"started": time.monotonic() - 3}}}}
    assert _job().execute_in_process(run_config=config).success
    printed = [re.fullmatch(r"\[ *(\d+\.\d)s\] (.*)", line) for line in capsys.readouterr().out.splitlines()]
    assert all(printed), "only stamped progress lines: no Dagster event line, no ordinary log line"
    assert [m[2] for m in printed] == ["  parsed doc-1.txt", "  check ge_x: 2 rules passed"]
    assert all(3.0 <= float(m[1]) < 60 for m in printed), "stamps count from the command's start"


def test_on_a_terminal_the_run_end_closes_the_counting_line(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert _job().execute_in_process(run_config={"loggers": {"progress": {}}}).success
    text = terminal.getvalue()
    assert "1 documents parsed (doc-1.txt)" in text and "1 checks run (ge_x: 2 rules passed)" in text
    assert text.endswith("\n"), "the summary printed next would continue the counting line"
