"""Warehouse file handling: staging, write-audit-publish, rollback, status, quarantine, locks.

Nothing here imports Dagster or dbt: the Dagster assets in ``pipelines/defs`` are thin shells over these
functions, and the ``resolutions`` commands use them directly.
"""
