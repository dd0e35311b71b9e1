"""Which dbt nodes read no submission, and whether the build already holds them for the plans loaded now.

The plan's models, the status seeds and what reads only them, their dbt tests, and the unit tests
(fixtures only) depend on nothing but the loaded plans and the dbt project, which
reference_build.fingerprint() covers. A refresh leaves them out of its `dbt build` when the build
database holds them from a build of the same fingerprint and plans directory in which every one
of them passed; any change, failure or warning, a new or set-aside build database, or
`tineng run --all` (which starts from an empty build) builds and tests them again.
"""

import json
from collections.abc import Iterable, Mapping
from functools import cache
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import duckdb

from orchestration import settings
from orchestration.plans import reference_build
from orchestration.transform.project import dbt_project

_PASSED = {"success", "pass"}


def state_file() -> Path:
    # named after the build database, so discarding the build (tineng run --all) discards it too
    return settings.build_dir() / f"{settings.build_db().name}.plan-nodes.json"


@cache
def manifest() -> Mapping[str, Any]:
    return json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))


def plan_node_ids(manifest: Mapping[str, Any]) -> set[str]:
    """Unique ids of the nodes that read no submission: the models, seeds and tests with no dbt
    source upstream (the plans are read from files, the status seeds are code), and every unit
    test (they read their fixtures only)."""
    nodes = manifest["nodes"]
    reads: dict[str, bool] = {}

    def reads_submissions(uid: str) -> bool:
        if uid.startswith("source."):
            return True
        if uid not in reads:
            parents = nodes[uid]["depends_on"].get("nodes", []) if uid in nodes else []
            reads[uid] = any(reads_submissions(parent) for parent in parents)
        return reads[uid]

    return {uid for uid in nodes if not reads_submissions(uid)} | set(manifest.get("unit_tests", {}))


def kept_models() -> list[Mapping[str, Any]]:
    """The manifest entries of the plan's models and seeds, each after those it reads (what a
    build that leaves them out keeps)."""
    nodes = manifest()["nodes"]
    kept = _plan_nodes_of_type("model", "seed")
    order = TopologicalSorter({uid: set(nodes[uid]["depends_on"].get("nodes", [])) & kept for uid in kept})
    return [nodes[uid] for uid in order.static_order()]


def kept_tests() -> list[Mapping[str, Any]]:
    """The manifest entries of the dbt data tests on the plan's models (unit tests aside): a build
    that leaves them out reports them as passed, which they did in the build its key records."""
    nodes = manifest()["nodes"]
    return [nodes[uid] for uid in sorted(_plan_nodes_of_type("test"))]


def _plan_nodes_of_type(*types: str) -> set[str]:
    nodes = manifest()["nodes"]
    return {uid for uid in plan_node_ids(manifest()) if uid in nodes and nodes[uid]["resource_type"] in types}


def _selectors(manifest: Mapping[str, Any], ids: Iterable[str]) -> list[str]:
    everything = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    return sorted(
        f"unit_test:{everything[uid]['name']}"
        if uid.startswith("unit_test.")
        else "fqn:" + ".".join(everything[uid]["fqn"])
        for uid in ids
    )


def _key() -> dict[str, str]:
    return {"fingerprint": reference_build.fingerprint(), "plans_dir": str(settings.plans_dir())}


def exclusions() -> tuple[list[str], dict[str, str]]:
    """The dbt `--exclude` selectors for this refresh (none when the plan's nodes must be built),
    and the key to record after the build. A build that will rebuild them forgets the old key
    first, so a build that dies half-way leaves none."""
    key = _key()
    path = state_file()
    if path.exists() and json.loads(path.read_text(encoding="utf-8")) == key and _relations_present():
        return _selectors(manifest(), plan_node_ids(manifest())), key
    path.unlink(missing_ok=True)
    return [], key


def record(key: dict[str, str], *, excluded: bool, started: float) -> None:
    """After a build that finished: keep the key when the plan's nodes were left out, or were
    built and all passed in this build."""
    if excluded or _all_plan_nodes_passed(since=started):
        state_file().write_text(json.dumps(key), encoding="utf-8")


def _all_plan_nodes_passed(since: float) -> bool:
    results_path = settings.dbt_target_dir() / "run_results.json"
    if not results_path.exists() or results_path.stat().st_mtime < since:  # not this build's
        return False
    results = json.loads(results_path.read_text(encoding="utf-8"))["results"]
    statuses = {r["unique_id"]: r["status"] for r in results}
    return all(statuses.get(uid) in _PASSED for uid in plan_node_ids(manifest()))


def _relations_present() -> bool:
    """The build database holds every plan model and seed (it may be new, or set aside)."""
    if not settings.build_db().exists():
        return False
    wanted = {(node["schema"], node["alias"] or node["name"]) for node in kept_models()}
    with duckdb.connect(str(settings.build_db()), read_only=True) as connection:
        present = connection.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    return wanted <= set(present)
