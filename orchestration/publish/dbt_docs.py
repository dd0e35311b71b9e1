"""What the dbt manifest says about a published relation: its description, its columns'
descriptions (Chinese first) and its grain."""

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class RelationDocs:
    description: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    grain: tuple[str, ...] | None = None  # config.meta.grain
    unique_keys: tuple[tuple[str, ...], ...] = ()  # columns of unique / unique_combination tests


class DbtDocs:
    """Descriptions and keys of the manifest's models and sources, looked up by schema and name."""

    def __init__(self, manifest: dict):
        self._relations: dict[tuple[str, str], RelationDocs] = {}
        self._by_column: dict[str, str] = {}
        unique_keys = _unique_test_keys(manifest)
        nodes = [n for n in manifest.get("nodes", {}).values() if n.get("resource_type") == "model"]
        sources = list(manifest.get("sources", {}).values())
        for node in sorted(nodes + sources, key=lambda n: n["unique_id"]):
            columns = {
                name: column["description"]
                for name, column in node.get("columns", {}).items()
                if column.get("description")
            }
            grain = (node.get("config", {}).get("meta") or node.get("meta") or {}).get("grain")
            name = node.get("alias") or node.get("identifier") or node["name"]
            self._relations[(node["schema"], name)] = RelationDocs(
                description=node.get("description") or None,
                columns=columns,
                grain=tuple(grain) if grain else None,
                unique_keys=unique_keys.get(node["unique_id"], ()),
            )
            for column, description in columns.items():
                self._by_column.setdefault(column, description)

    @classmethod
    def load(cls, manifest_path: Path) -> "DbtDocs":
        with manifest_path.open(encoding="utf-8") as f:
            return cls(json.load(f))

    def relation(self, schema: str, name: str) -> RelationDocs:
        return self._relations.get((schema, name), RelationDocs())

    def column_elsewhere(self, column: str) -> str | None:
        """The description a column of this name has in some other model or source (dbt
        describes a shared key such as unit_code once, where it is defined)."""
        return self._by_column.get(column)


# this project's unique_combination, and dbt_utils' unique_combination_of_columns
_COMBINATION_TESTS = ("unique_combination", "unique_combination_of_columns")


def _unique_test_keys(manifest: dict) -> dict[str, tuple[tuple[str, ...], ...]]:
    keys: dict[str, list[tuple[str, ...]]] = {}
    for node in manifest.get("nodes", {}).values():
        metadata = node.get("test_metadata") or {}
        attached = node.get("attached_node")
        if node.get("resource_type") != "test" or not attached:
            continue
        kwargs = metadata.get("kwargs", {})
        if metadata.get("name") == "unique" and kwargs.get("column_name"):
            keys.setdefault(attached, []).append((kwargs["column_name"],))
        elif metadata.get("name") in _COMBINATION_TESTS:
            columns = kwargs.get("columns") or kwargs.get("combination_of_columns")
            if columns:
                keys.setdefault(attached, []).append(tuple(columns))
    return {node: tuple(sorted(found)) for node, found in keys.items()}
