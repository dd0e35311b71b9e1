"""What each relation of the published DuckDB file becomes in PostgreSQL: a table with its grain
as primary key, or a view; its comments; its name checked against PostgreSQL's limits."""

from dataclasses import dataclass

from orchestration.publish import postgres_views
from orchestration.publish.dbt_docs import DbtDocs, RelationDocs
from orchestration.publish.duckdb_relations import Column, Relation, is_personal

MAX_IDENTIFIER_BYTES = 63  # PostgreSQL truncates longer names


class Unpublishable(Exception):
    """A relation PostgreSQL cannot hold as it is."""


@dataclass
class Planned:
    relation: Relation
    # None: published as a table (a view PostgreSQL cannot run becomes one too, when it reads
    # no personal data: a view that does is never published)
    view: postgres_views.TranslatedView | None
    key: tuple[str, ...]  # the primary key; () for none
    description: str | None
    column_descriptions: dict[str, str]

    @property
    def name(self) -> str:
        return self.relation.name


def plan(relations: list[Relation], docs: DbtDocs, staging: str, warnings: list[str]) -> list[Planned]:
    """What to publish of each relation; `warnings` gains what is left out or changed."""
    planned: dict[str, Planned] = {}
    for relation in relations:
        if relation.excluded:
            warnings.append(
                f"{relation.qualified} 的个人信息列未发布：{', '.join(relation.excluded)}。"
                " Personal-data columns left out."
            )
        if not relation.columns:
            continue
        for name in (relation.name, *(c.name for c in relation.columns)):
            if len(name.encode()) > MAX_IDENTIFIER_BYTES:
                raise Unpublishable(
                    f"{relation.qualified} 中的名称 {name} 超过 PostgreSQL 的 {MAX_IDENTIFIER_BYTES} 字节上限。"
                    " A name is longer than PostgreSQL allows."
                )
        if relation.name in planned:
            raise Unpublishable(
                f"{planned[relation.name].relation.qualified} 与 {relation.qualified} 同名，"
                "无法同时放入一个 schema。Two relations share a name."
            )
        relation_docs = docs.relation(relation.schema, relation.name)
        view = None
        if relation.is_view:
            try:
                view = _translated_view(relation, staging)
            except Unpublishable as left_out:
                warnings.append(str(left_out))
                continue
        planned[relation.name] = Planned(
            relation=relation,
            view=view,
            key=() if relation.is_view else _grain(relation, relation_docs, warnings),
            description=relation_docs.description or relation.comment,
            column_descriptions={
                column.name: description
                for column in relation.columns
                if (description := _column_description(column, relation_docs, view, docs))
            },
        )
    return list(planned.values())


def _translated_view(relation: Relation, staging: str) -> postgres_views.TranslatedView:
    """The view in PostgreSQL's SQL; Unpublishable when it could expose personal data (it reads
    such a column, maybe under another name) or its SQL cannot be read to tell."""
    if relation.excluded:
        raise Unpublishable(
            f"视图 {relation.qualified} 含个人信息列（{', '.join(relation.excluded)}），未发布。"
            " View left out: it shows personal data."
        )
    try:
        view = postgres_views.translate(relation.view_sql, staging)
    except postgres_views.Untranslatable as error:
        raise Unpublishable(
            f"视图 {relation.qualified} 无法解析（{error}），不能确认不含个人信息，未发布。"
            " View left out: its SQL could not be read."
        ) from error
    if personal := sorted(c for c in view.reads if is_personal(c)):
        raise Unpublishable(
            f"视图 {relation.qualified} 读取个人信息列（{', '.join(personal)}），未发布。"
            " View left out: it reads personal data."
        )
    return view


def _grain(relation: Relation, docs: RelationDocs, warnings: list[str]) -> tuple[str, ...]:
    """config.meta.grain, else the narrowest unique / unique_combination test, else DuckDB's key."""
    names = [c.name for c in relation.columns]
    if docs.grain:
        if set(docs.grain) <= set(names):
            return docs.grain
        warnings.append(
            f"{relation.qualified} 的 grain {list(docs.grain)} 含未发布的列，未建主键。No primary key."
        )
        return ()
    candidates = [key for key in docs.unique_keys if set(key) <= set(names)]
    if candidates:
        return min(candidates, key=lambda key: (len(key), [names.index(c) for c in key]))
    return relation.key if set(relation.key) <= set(names) else ()


def _column_description(
    column: Column, own: RelationDocs, view: postgres_views.TranslatedView | None, docs: DbtDocs
) -> str | None:
    """The model's own description, else (for a view) that of the column it renames, else that
    of the same-named column elsewhere in the project, else DuckDB's comment."""
    if own.columns.get(column.name):
        return own.columns[column.name]
    if view is not None and column.name in view.lineage:
        schema, relation, source_column = view.lineage[column.name]
        renamed = docs.relation(schema, relation).columns.get(source_column)
        return renamed or docs.column_elsewhere(source_column) or column.comment
    return docs.column_elsewhere(column.name) or column.comment
