"""How dbt nodes become Dagster assets: one lineage graph with the raw assets, groups by layer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings


def _ref_name(ref: str) -> str:
    """``"ref('dim_documents')"`` -> ``dim_documents``."""
    m = re.search(r"""ref\(\s*['"]([^'"]+)['"]""", ref or "")
    return m.group(1) if m else str(ref)


def _columns(names) -> str:
    return ", ".join(names or [])


def _link(link: Mapping[str, Any]) -> str:
    """``{columns, to, to_columns}`` of a ``references`` test as a sentence."""
    columns = link.get("columns") or []
    return f"every ({_columns(columns)}) is a ({_columns(link.get('to_columns') or columns)}) of {link.get('to')}"


# What each generic test of the project asserts, as a sentence: {model}, {column} and the test's arguments.
_GENERIC = {
    "not_null": "{column} of {model} is never null.",
    "not_null_columns": "None of {columns} of {model} is ever null.",
    "unique": "{column} of {model} is unique: no two rows share it.",
    "accepted_values": "{column} of {model} is one of: {values}.",
    "relationships": "Every {column} of {model} is a {field} of {to}.",
    "expression_is_true": "Every row of {model} satisfies: {expression}.",
    "unique_combination_of_columns": "No two rows of {model} share ({combination_of_columns}).",
    "compound_relationships": "Every ({columns}) of {model} is a ({to_columns}) of {to}.",
    "references": "In {model}: {links}.",
    "rows_satisfy": "Every row of {model} satisfies: {expressions}.",
    "clause_spans_do_not_overlap": "The character spans of a document's clauses in {model} never overlap.",
}


def describe_test(props: Mapping[str, Any], manifest: Mapping[str, Any]) -> str:
    """The description of a dbt data test: its own ``description:`` in the yml when it has one, else a
    sentence saying what the generic test asserts, else (a singular test without one) its name."""
    if (props.get("description") or "").strip():
        return props["description"].strip()
    meta = props.get("test_metadata") or {}
    attached = (manifest.get("nodes", {}).get(props.get("attached_node") or "")
                or manifest.get("sources", {}).get(props.get("attached_node") or "") or {})
    model = attached.get("name") or "the model"
    kwargs = {k: v for k, v in (meta.get("kwargs") or {}).items() if k != "model"}
    template = _GENERIC.get(meta.get("name") or "")
    if template is None:
        macro = manifest.get("macros", {}).get(f"macro.{props.get('package_name')}.test_{meta.get('name')}", {})
        if (macro.get("description") or "").strip():
            return f"{macro['description'].strip()} ({model})"
        args = "; ".join(f"{k}: {v}" for k, v in kwargs.items())
        return f"dbt test {meta.get('name') or props.get('name')} on {model}" + (f" ({args})" if args else "")
    fields = {
        "model": model,
        "column": props.get("column_name") or kwargs.get("column_name") or "the row",
        "values": ", ".join(map(str, kwargs.get("values") or [])),
        "field": kwargs.get("field", ""),
        "to": _ref_name(kwargs.get("to", "")),
        "expression": " ".join(str(kwargs.get("expression", "")).split()),
        "combination_of_columns": _columns(kwargs.get("combination_of_columns")),
        "columns": _columns(kwargs.get("columns")),
        "to_columns": _columns(kwargs.get("to_columns")),
        "links": "; ".join(_link(link) for link in kwargs.get("links") or []),
        "expressions": "; ".join(" ".join(str(e).split()) for e in kwargs.get("expressions") or []),
    }
    text = template.format(**fields)
    if kwargs.get("where") or (props.get("config") or {}).get("where"):
        text += f" (rows where {kwargs.get('where') or props['config']['where']})"
    return text


def group_for(props: Mapping[str, Any]) -> str:
    """Group by dbt layer: the models' folder (staging, intermediate, marts), or seeds / snapshots."""
    resource_type = props.get("resource_type")
    if resource_type in ("seed", "snapshot"):
        return f"{resource_type}s"
    fqn = props.get("fqn") or []
    return fqn[1] if len(fqn) > 2 else "dbt"


class WarehouseDbtTranslator(DagsterDbtTranslator):
    def __init__(self):
        super().__init__(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if props.get("resource_type") == "source":
            # Sources should name their raw asset in meta.dagster.asset_key; fall back to the table
            # name so a source without it still joins the raw asset instead of a dangling stub.
            if not ((props.get("meta") or {}).get("dagster") or {}).get("asset_key"):
                return spec.replace_attributes(key=dg.AssetKey([props["name"]]))
            return spec
        # Models and seeds are keyed by their name alone (not schema-prefixed): the name is unique in
        # the project and is what analysts type.
        return spec.replace_attributes(key=dg.AssetKey([props["name"]]), group_name=group_for(props))

    def get_asset_check_spec(self, asset_spec: dg.AssetSpec, manifest: Mapping[str, Any], unique_id: str,
                             project) -> dg.AssetCheckSpec | None:
        # dagster-dbt (0.29) takes a check's description from the test's meta.description only; the
        # test's own yml `description:`, or what a generic test asserts, is what the UI should say
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or (spec.description or "").strip():
            return spec
        return spec._replace(description=describe_test(manifest["nodes"][unique_id], manifest))
