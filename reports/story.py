"""The story behind the curve for a report: read through `metrics.story` and turned into the report's types."""

from __future__ import annotations

import duckdb

from reports.model import ActionItem, Annotation, Comment, Story


def load_story(con: duckdb.DuckDBPyConnection, strategy_id: str, period: str) -> Story:
    """Comments for the period, annotations up to its end, and the action plan of its year."""
    from metrics import story
    from metrics.periods import parse_period

    year = parse_period(period).end.year  # the action plan of the year the period ends in
    comments = {
        ind: Comment(c.text, c.user, c.changed_at) for ind, c in story.comments_for(con, strategy_id, period).items()
    }
    annotations: dict[str, list[Annotation]] = {}
    for a in story.annotations_for(con, strategy_id):
        annotations.setdefault(a.indicator, []).append(Annotation(a.date, a.text))
    actions = [
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
        for a in story.actions_for(con, strategy_id, year)
    ]
    return Story(comments, annotations, actions)
