"""Progress lines of a run: what a step is doing, in one line for the person waiting for it.

A step says it with ``note(context, message)``: ``context.log.info`` with a marker, so the message lands in
Dagster's event log like any log line (the UI's run page shows it, under ``make dev`` that is all), and
the ``progress`` logger prints it as a line of ``resolutions run``, which selects that logger in the run
config's ``loggers`` section. The marker keeps Dagster's own event messages (step started, output
handled...) out of those lines: they stay in the event log, and ``--verbose`` shows them on the console.
"""

from __future__ import annotations

import logging

import dagster as dg

from pipelines.commands.printer import Printer, style

PROGRESS = "resolutions_progress"  # the attribute (``extra``) that marks a log record as a progress line

# the events after which a step says nothing more: the logger ends its counting line there, so the
# command's summary starts on a line of its own
_RUN_END = frozenset({dg.DagsterEventType.RUN_SUCCESS, dg.DagsterEventType.RUN_FAILURE,
                      dg.DagsterEventType.RUN_CANCELED})


def note(context, message: str) -> None:
    """Say what the step is doing: a Dagster log line, and a progress line under ``resolutions run``."""
    context.log.info(message, extra={PROGRESS: True})


# Dagster builds a run's loggers twice in the run's process: once for the run (its start and end events)
# and once for the execution of its steps. Both must print through one Printer: a terminal's counting line
# spans steps (every GE check is a step of its own) and only the run's end event, which the run's logger
# sees, may close it. So the Printer is kept per run id, from the first logger built to the run's end.
_printers: dict[str, Printer] = {}


class ProgressHandler(logging.Handler):
    """Prints the progress records of run ``run_id`` as ``resolutions run`` prints its own lines."""

    def __init__(self, run_id: str, started: float | None):
        super().__init__(logging.DEBUG)  # the run-end events are DEBUG records
        self.run_id = run_id
        if run_id not in _printers:
            _printers[run_id] = Printer(started=started)
        self.printer = _printers[run_id]

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        if getattr(record, PROGRESS, False):
            # the record's message is Dagster's "job - run id - step - message"; the step's own words:
            message = meta.get("orig_message", record.getMessage())
            self.printer.stage(f"  {message}", style(message))
        elif (event := meta.get("dagster_event")) is not None and event.event_type in _RUN_END:
            self.printer.end_counter()
            self.printer.stream.flush()
            _printers.pop(self.run_id, None)


@dg.logger(
    config_schema={"started": dg.Field(float, is_required=False, description=(
        "time.monotonic() when the command started, so that the stamps count from it (the in-process "
        "executor runs every step in the command's process, on the same clock); default: when the run "
        "started"))},
    description="resolutions run's progress lines on stdout (one per step message; a counting line on a "
                "terminal). Dagster's own event messages are not printed.",
)
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    # a Logger of its own, not logging.getLogger(): nothing outside this run finds or keeps it
    logger = logging.Logger("resolutions.progress", logging.DEBUG)
    logger.propagate = False
    logger.addHandler(ProgressHandler(init_context.run_id, (init_context.logger_config or {}).get("started")))
    return logger
