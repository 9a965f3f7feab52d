"""The one place the tests use AppTest's and Streamlit's private names, where AppTest has no public way: an
event from one of the app's own `st.components.v2` components, the element tree's containers AppTest has no
accessor for, and the message that writes the URL. As Streamlit 1.67 (pinned in requirements.txt) has them:

- `AppTest._tree` is the last run's element tree; its `get_widget_states()` is what the browser would send;
- `AppTest._run(widget_states)` runs the script with those states, as `AppTest.run()` does with its own;
- a v2 component's events travel as one JSON trigger under `_make_trigger_id(element id, "events")`;
- `QueryParams._send_query_param_msg` sends the URL to the browser.

tests/app/test_apptest_internals.py checks each on a small script of its own, so an upgrade that changes one
fails there, by name (and the imports below fail every test that uses them), instead of events that quietly
never arrive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.state.query_params import QueryParams
from streamlit.testing.v1 import AppTest

EVENTS = "events"  # the trigger every event of a v2 component goes through


def tree(at: AppTest):
    """The last run's element tree, containers and all."""
    return at._tree


def widget_states(at: AppTest) -> WidgetStates:
    """The widget states the browser would send after the last run."""
    return at._tree.get_widget_states()


def no_widget_states() -> WidgetStates:
    """What a browser sends that has seen no run of this session (a page left open across a restart)."""
    return WidgetStates()


def run_with(at: AppTest, states: WidgetStates) -> AppTest:
    """Run the script once with `states`, as AppTest's own `run()` does with the states it keeps."""
    return at._run(states)


def add_component_event(states: WidgetStates, element_id: str, event: str, value) -> None:
    """Add to `states` an event of the v2 component whose element is `element_id`, as its browser half sends
    it (setTriggerValue(event, value))."""
    state = states.widgets.add()
    state.id = _make_trigger_id(element_id, EVENTS)
    state.json_trigger_value = json.dumps([{"event": event, "value": value}])


@contextmanager
def url_messages() -> Iterator[list]:
    """Within the block, one item is added to the list each time a run sends the URL to the browser."""
    sent: list = []
    original = QueryParams._send_query_param_msg

    def counting(self):
        sent.append(1)
        return original(self)

    QueryParams._send_query_param_msg = counting
    try:
        yield sent
    finally:
        QueryParams._send_query_param_msg = original
