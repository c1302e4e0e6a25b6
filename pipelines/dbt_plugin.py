"""A dbt-duckdb plugin (dbt_project/profiles.yml) that imports the libraries of the dbt Python models once,
when the adapter starts.

dbt runs models in two threads; two Python models importing ``pipelines.facts`` at the same moment
(fct_clause_lineage and fct_acronym_mentions) hit Python's import deadlock detection
(``_DeadlockError`` on ``pipelines.facts.acronyms``). Importing here, before any model runs, leaves
the models only cached imports.
"""

from dbt.adapters.duckdb.plugins import BasePlugin

import pipelines.facts  # noqa: F401
import pipelines.facts.acronyms  # noqa: F401
import pipelines.facts.lineage  # noqa: F401


class Plugin(BasePlugin):
    """Nothing to configure: importing this module is the whole job."""
