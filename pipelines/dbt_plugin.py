"""A dbt-duckdb plugin (dbt_project/profiles.yml) that imports the libraries of the dbt Python models once,
when the adapter starts, and gives dbt's connection the memory limit of every connection that writes the
run's file (``pipelines.warehouse.memory``).

dbt runs models in two threads; two Python models importing ``pipelines.facts`` at the same moment
(fct_clause_lineage and fct_acronym_mentions) hit Python's import deadlock detection
(``_DeadlockError`` on ``pipelines.facts.acronyms``). Importing here, before any model runs, leaves
the models only cached imports.
"""

from dbt.adapters.duckdb.plugins import BasePlugin

import pipelines.facts  # noqa: F401
import pipelines.facts.acronyms  # noqa: F401
import pipelines.facts.lineage  # noqa: F401
from pipelines.warehouse import memory


class Plugin(BasePlugin):
    def update_connection_config(self, creds, config: dict) -> None:
        config.update(memory.writer_config())
