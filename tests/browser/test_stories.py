"""The story tour in a real browser: its buttons and the arrow keys step through the stories, the URL and the
map follow."""

from __future__ import annotations

import pytest

from tests.support.browser import STORY_2, drawn, stories

pytestmark = [pytest.mark.browser, pytest.mark.real]


def test_story_tour_moves_the_map(page, app, counts):
    page.goto(app.url + "/stories")
    page.wait_for_map(drawn(counts("both", stories=True)))
    page.page.get_by_text("Story 1 of 5", exact=True).wait_for()
    first = page.map_state()["center"]
    page.page.get_by_role("button", name="Next ▶").click()
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    assert page.wait_for_param("story", STORY_2["id"]) == {"story": STORY_2["id"], "lang": "en"}
    south, west, north, east = STORY_2["bounds"]
    state = page.wait_for_center(south, west, north, east)
    assert state["center"] != first
    page.page.get_by_role("heading", name=stories()[1]["title"]).wait_for()
    page.page.get_by_role("button", name="◀ Previous").click()
    page.page.get_by_text("Story 1 of 5", exact=True).wait_for()
    page.wait_for_center(first[0] - 0.5, first[1] - 0.5, first[0] + 0.5, first[1] + 0.5)
    page.page.keyboard.press("ArrowRight")  # the keys step through the tour too, as in Present
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    page.wait_for_param("story", STORY_2["id"])
    page.page.keyboard.press("ArrowLeft")
    page.page.get_by_text("Story 1 of 5", exact=True).wait_for()
