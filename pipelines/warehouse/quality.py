"""What a build's document findings add up to: the counts ``resolutions run``, ``status``, the publish
manifest and the dashboard show (documents by quality status, findings by check, the worst ones)."""

from __future__ import annotations

from pipelines.findings import QUALITY_STATUSES, SEVERITIES
from pipelines.warehouse.rawload import existing_tables

WORST_SHOWN = 10


def quality_summary(con) -> dict:
    """From the ``raw`` schema of a warehouse file (staging or published)."""
    statuses: dict[str, int] = {}
    by_check: dict[str, dict[str, int]] = {}
    worst: list[dict] = []
    tables = existing_tables(con)
    if "raw_documents" in tables:
        columns = {r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' "
            "and table_name = 'raw_documents'").fetchall()}
        if "quality_status" in columns:
            statuses = dict(con.execute(
                "select quality_status, count(*) from raw.raw_documents group by 1 order by 1").fetchall())
    if "raw_document_findings" in tables:
        for check, severity, n in con.execute(
            "select check_name, severity, count(*) from raw.raw_document_findings group by 1, 2 order by 1, 2"
        ).fetchall():
            by_check.setdefault(check, {})[severity] = n
        rows = con.execute(
            "select doc_id, check_name, severity, message, clause_ref from raw.raw_document_findings "
            "where severity != 'info' order by doc_id, finding_ordinal").fetchall()
        keys = ("doc_id", "check_name", "severity", "message", "clause_ref")
        ranked = sorted((dict(zip(keys, r, strict=True)) for r in rows),
                        key=lambda f: -SEVERITIES.index(f["severity"]))
        worst = ranked[:WORST_SHOWN]
    held_back = 0
    if "quarantine" in tables:
        held_back = con.execute("select count(*) from raw.quarantine where reason = 'held_back'").fetchone()[0]
    return {"documents_by_status": statuses, "findings_by_check": by_check, "worst_findings": worst,
            "held_back": held_back}


def strict_failures(summary: dict) -> list[str]:
    """Why ``--strict`` refuses this build: every finding above ``info``, and held-back files."""
    out = [f"{check}: {n} {severity}" for check, counts in sorted(summary["findings_by_check"].items())
           for severity, n in sorted(counts.items()) if severity != "info"]
    if summary["held_back"]:
        out.append(f"held_back: {summary['held_back']} file(s) quarantined")
    return out


def quality_lines(summary: dict | None, quarantined: list[dict], indent: str = "  ") -> list[str]:
    """The quality block of the run summary and of ``resolutions status``: every file accounted for
    (published ok, published flagged, quarantined by reason) and the worst findings."""
    summary = summary or {}
    statuses = summary.get("documents_by_status") or {}
    reasons: dict[str, int] = {}
    for q in quarantined:
        reasons[q["reason"]] = reasons.get(q["reason"], 0) + 1
    published = sum(statuses.values())
    lines = [f"{indent}{'quality':<12} {published} published: "
             + ", ".join(f"{statuses.get(s, 0)} {s}" for s in QUALITY_STATUSES)
             + f"; {len(quarantined)} file(s) quarantined"
             + (" (" + ", ".join(f"{r} {n}" for r, n in sorted(reasons.items())) + ")" if reasons else "")]
    by_check = summary.get("findings_by_check") or {}
    if by_check:
        parts = [f"{check} {n} {severity}" for check, counts in sorted(by_check.items())
                 for severity, n in sorted(counts.items(), key=lambda kv: -SEVERITIES.index(kv[0]))]
        lines.append(f"{indent}  findings   " + ", ".join(parts))
    for f in summary.get("worst_findings") or []:
        where = f" [{f['clause_ref']}]" if f.get("clause_ref") else ""
        lines.append(f"{indent}  {f['severity']:<9}  {f['doc_id']}{where}: {f['check_name']}: {f['message']}")
    return lines
