"""How ``resolutions run`` prints its progress lines: its own, and through the ``progress`` logger
(pipelines/defs/progress.py) those of the run's steps."""

from __future__ import annotations

import sys
import time

from pipelines.commands.terminal import visible


class Printer:
    """Progress output: one plain line per step when stdout is a file or a pipe; on a terminal, runs of
    repetitive steps (documents parsed, dbt models built, checks run) share one line that counts up."""

    # message prefix -> what the counter on the shared line counts
    COUNTED = {"dbt built ": "dbt models built", "check ": "checks run", "parsed ": "documents parsed"}

    def __init__(self, stream=None, started: float | None = None):
        self.stream = stream or sys.stdout  # kept: dbt's output is redirected later, progress is not
        self.tty = self.stream.isatty()
        # time.monotonic() when the command started: the CLI's lines and the run's (printed by the
        # progress logger's own Printer) count from the same moment
        self.t0 = time.monotonic() if started is None else started
        self._counting: str | None = None
        self._count = 0

    def line(self, text: str, style: str = "") -> None:
        self.end_counter()
        text = visible(text)  # names and texts come from files: escapes are shown, never obeyed
        if self.tty and style:
            codes = {"bold": "1", "red": "31", "green": "32", "yellow": "33"}
            text = f"\033[{codes[style]}m{text}\033[0m"
        self.stream.write(text + "\n")
        self.stream.flush()

    def stage(self, text: str, style: str = "bold") -> None:
        stamp = f"[{time.monotonic() - self.t0:6.1f}s]"
        text = visible(text)
        message = text.strip()
        kind = next((k for k in self.COUNTED if message.startswith(k)), None)
        if self.tty and kind and style in ("", "bold"):
            if kind != self._counting:
                self.end_counter()
                self._counting, self._count = kind, 0
            self._count += 1
            detail = message[len(kind):][:50]
            self.stream.write(f"\r\033[K{stamp}   {self._count} {self.COUNTED[kind]} ({detail})")
            self.stream.flush()
            return
        self.line(f"{stamp} {text}", style)

    def end_counter(self) -> None:
        """End the shared counting line, if one is open: what is written next starts a line of its own."""
        if self._counting is not None:
            self.stream.write("\n")
            self._counting = None


def style(message: str) -> str:
    """The colour of a step's progress line on a terminal."""
    if message.startswith(("QUARANTINED",)):
        return "yellow"
    if "FAILED" in message:
        return "red"
    return ""
