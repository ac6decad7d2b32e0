"""The story behind the curve for a report: read through `metrics.story` and turned into the report's types."""

from __future__ import annotations

import duckdb

from reports.model import ActionItem, Annotation, Comment, Story


def action_year(period: str) -> int:
    """The action plan a period's report shows: that of the year the period ends in."""
    from metrics.periods import parse_period

    return parse_period(period).end.year


def to_story(comments: dict, annotations: dict[str, list], actions: list) -> Story:
    """The report's story from `metrics.story` records (comments by indicator, annotations by indicator, items)."""
    return Story(
        {ind: Comment(c.text, c.user, c.changed_at) for ind, c in comments.items() if c.text},
        {ind: [Annotation(a.date, a.text) for a in notes] for ind, notes in annotations.items()},
        [
            ActionItem(
                title=a.title,
                status=a.status,
                area=a.focus_area,
                indicators=tuple(a.indicators),
                responsible=a.responsible,
                start=a.start,
                deadline=a.deadline,
                note=a.status_note,
            )
            for a in actions
        ],
    )


def load_story(con: duckdb.DuckDBPyConnection, strategy_id: str, period: str) -> Story:
    """Comments for the period, the chart annotations and the action plan of the period's year."""
    from metrics import story

    annotations: dict[str, list] = {}
    for a in story.annotations_for(con, strategy_id):
        annotations.setdefault(a.indicator, []).append(a)
    return to_story(
        story.comments_for(con, strategy_id, period),
        annotations,
        story.actions_for(con, strategy_id, action_year(period)),
    )
