"""The annual status report for the page's view, from the pages' cached results (files built on click)."""

from __future__ import annotations

import threading

from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

import settings
from reports.model import Report, Story
from ui import data


def story(view: data.View) -> Story:
    """The comments, chart annotations and action plan for the view's strategy and period (cached reads)."""
    from reports.story import action_year, to_story

    return to_story(
        data.comments(view.strategy, view.period),
        data.annotations(view.strategy),
        data.actions(view.strategy, action_year(view.period)),
    )


def one_line_stories(view: data.View) -> dict[str, str]:
    """The first line of each indicator's comment for the period, by indicator id."""
    return {
        i: c.text.strip().splitlines()[0]
        for i, c in data.comments(view.strategy, view.period).items()
        if c.text.strip()
    }


def build(view: data.View) -> Report:
    """The report model for the view (the engine's cached, suppressed results; nothing recomputed twice)."""
    from reports.source import assemble

    ctx = get_script_run_ctx()

    def compute(ids: list[str], period: str) -> list:
        if ctx is not None:  # the report computes two years side by side: the cache needs the run's context
            add_script_run_ctx(threading.current_thread(), ctx)
        return data.compute(ids, data.View(view.strategy, period, view.filters))

    return assemble(
        data.strategies()[view.strategy],
        view.period,
        view.filter_dict(),
        compute,
        data.view_goals(view),
        data.years(),
        data.has_demo(),
        story(view),
        settings.min_n(),
    )
