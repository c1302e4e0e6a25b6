"""How many threads dbt builds with (pipelines/defs/dbt/assets.py): the profile's for small builds, one for
large ones."""

from pipelines.defs.dbt.assets import ONE_THREAD_FROM, dbt_threads


def test_a_small_build_keeps_the_profiles_threads():
    assert dbt_threads(1) is None
    assert dbt_threads(ONE_THREAD_FROM - 1) is None


def test_a_large_build_runs_one_thread():
    assert dbt_threads(ONE_THREAD_FROM) == 1
    assert dbt_threads(100_000) == 1

