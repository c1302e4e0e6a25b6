"""``resolutions parse FILE [--json]``: show the clauses the parser finds in one file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse one document file and print its clauses",
                       description="Parse FILE (.txt, .md, .html, .pdf with a text layer, Word .docx) and print a "
                                   "table of its clauses, or JSON. PDF clauses carry the pages they span.")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print one JSON object (an array for a compilation)")
    p.add_argument("--issues", action="store_true", help="also list the parse issues in the table view")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pipelines.commands.terminal import json_for_terminal
    from pipelines.parsing import UnreadableDocument, parse_bytes
    from pipelines.warehouse.quarantine import HINTS
    from pipelines.warehouse.sources import path_problem

    try:
        refused = path_problem(args.file)  # what `run` quarantines unread, parse refuses in the same words
        if refused is not None:
            reason, message = refused
            print(f"resolutions: {args.file.name}: {message} ({reason}). {HINTS.get(reason, '')}", file=sys.stderr)
            return 1
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"resolutions: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        docs = parse_bytes(data, args.file.name)
    except UnreadableDocument as exc:
        print(f"resolutions: {exc.source_file}: {exc.message} ({exc.reason}). {exc.hint}", file=sys.stderr)
        return 1
    if args.json:
        payload = [d.as_dict() for d in docs]
        sys.stdout.write(json_for_terminal(payload[0] if len(payload) == 1 else payload, indent=2))
        sys.stdout.write("\n")
        return 0
    for doc in docs:
        _print_table(doc, show_issues=args.issues)
    return 0


def print(*parts, file=None) -> None:  # noqa: A001 - document text and names: controls shown, never obeyed
    from pipelines.commands.terminal import visible

    (file or sys.stdout).write(visible(" ".join(str(p) for p in parts)) + "\n")


def _print_table(doc, show_issues: bool) -> None:
    m = doc.document
    print(f"{m.doc_id}: {m.doc_type or '?'} {m.number_as_printed or m.number or ''} — {m.title or '(no title)'}")
    print(f"  body {m.issuing_body or '?'}, symbol {m.symbol or '-'}, {'draft' if m.is_draft else 'adopted'} "
          f"{m.adopted_on or '(no date)'}" + "".join(f", {x}" for x in (m.meeting, m.session, m.place) if x))
    print(f"  {len(doc.clauses)} clauses, {len(doc.issues)} issues\n")
    print(f"{'ref':<7} {'kind':<13} {'lead / verb':<34} text")
    for c in doc.clauses:
        lead = c.lead_phrase or c.lead_verb or ""
        if c.kind == "sub_operative":
            lead = f"  {lead}" + (" (letter inferred)" if c.letter_inferred else "")
        text = c.text if len(c.text) <= 70 else c.text[:67] + "..."
        print(f"{c.ref:<7} {c.kind:<13} {lead[:34]:<34} {text}")
    if show_issues and doc.issues:
        print("\nissues:")
        for i in doc.issues:
            where = f" [{i.clause_ref}]" if i.clause_ref else ""
            print(f"  {i.severity:<7} {i.kind}{where} @{i.char_start}-{i.char_end}: {i.message}")
    print()
