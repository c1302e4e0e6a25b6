"""Great Expectations suites over the marts, as blocking Dagster asset checks.

A failed check stops the run before ``published_warehouse``: the published file stays untouched and the
check's metadata names the rule, the document and the clause of every failing row.
"""


import dagster as dg

from pipelines import side_worker
from pipelines.defs.progress import note
from pipelines.defs.quality.ge import run_suite
from pipelines.defs.quality.suites import SUITES
from pipelines.defs.resources import WarehouseResource
from pipelines.warehouse import faults


def _mart_keys() -> dict[str, dg.AssetKey]:
    from pipelines.defs.dbt import assets as dbt_defs  # the module, so its assets are not collected twice

    return {key.path[-1]: key for key in dbt_defs.warehouse_dbt_assets.keys if key.path[-1] in SUITES}


def failure_lines(outcome: dict, limit: int = 5) -> list[str]:
    """'rule: doc_id=..., clause_ref=... (value)' lines for the failed rules of a suite outcome."""
    lines = []
    for rule in outcome["rules"]:
        if rule["success"]:
            continue
        if rule.get("error"):
            lines.append(f"{rule['rule']}: could not evaluate: {rule['error']}")
            continue
        if not rule["rows"]:
            lines.append(f"{rule['rule']}: observed {rule.get('observed')}")
            continue
        for row in rule["rows"][:limit]:
            where = ", ".join(f"{k}={v}" for k, v in row.items()) if isinstance(row, dict) else str(row)
            lines.append(f"{rule['rule']}: {where}")
        extra = (rule.get("unexpected_count") or 0) - min(limit, len(rule["rows"]))
        if extra > 0:
            lines.append(f"{rule['rule']}: ... and {extra} more row(s)")
    return lines


def make_check(mart: str, key: dg.AssetKey, scope: str) -> dg.AssetChecksDefinition:
    """The suite of ``mart`` over its rows that match ``scope`` (suites.py)."""
    @dg.asset_check(asset=key, name=f"ge_{mart}", blocking=True,
                    description=f"Great Expectations suite over {mart}: {SUITES[mart].__doc__ or 'see suites.py'}")
    def _check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource) -> dg.AssetCheckResult:
        faults.fault_point("checking")
        try:
            outcome = side_worker.run(run_suite, warehouse.staging_db(context.op_execution_context.run_id), mart,
                                      scope)
        except Exception as exc:  # noqa: BLE001 - a check that cannot run must fail, not vanish
            return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.ERROR,
                                       description=f"{mart}: suite could not run: {exc}",
                                       metadata={"error": repr(exc)})
        failed = [r for r in outcome["rules"] if not r["success"]]
        lines = failure_lines(outcome)
        for line in lines:
            note(context, f"CHECK FAILED ge_{mart}: {line}")
        if not failed:
            note(context, f"check ge_{mart}: {len(outcome['rules'])} rules passed")
        return dg.AssetCheckResult(
            passed=not failed,
            severity=dg.AssetCheckSeverity.ERROR,
            description=(f"{len(failed)} rule(s) failed: " + " | ".join(lines)) if failed else "all rules passed",
            metadata={
                "rules_passed": len(outcome["rules"]) - len(failed),
                "rules_failed": len(failed),
                "failed_rules": dg.MetadataValue.json([r["rule"] for r in failed]),
                "failing_rows": dg.MetadataValue.md("\n".join(f"- {line}" for line in lines) or "none"),
                "results": dg.MetadataValue.json(outcome["rules"]),
            },
        )

    return _check


@dg.definitions
def quality_checks() -> dg.Definitions:
    from pipelines.defs.dbt import assets as dbt_defs
    from pipelines.defs.dbt.project import build_scope_filter, per_document_models

    by_document, in_scope = per_document_models(dbt_defs.manifest), build_scope_filter()
    return dg.Definitions(asset_checks=[make_check(m, k, in_scope if m in by_document else "true")
                                        for m, k in sorted(_mart_keys().items())])
