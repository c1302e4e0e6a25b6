"""How dbt nodes become Dagster assets: one lineage graph with the raw assets, groups by layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings


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
