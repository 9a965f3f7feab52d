"""What the app tests rely on in AppTest's private names (tests/support/apptest_internals.py), each checked on a
small script of its own against the installed Streamlit: an upgrade that changes one fails here, by name, rather
than the app tests' events quietly never arriving."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support import apptest_internals


def _probe() -> None:
    import streamlit as st

    probe = st.components.v2.component("bm_internals.probe", js="export default function () {}")
    result = probe(key="probe", data=b"{}", on_poked_change=lambda: st.session_state.update(seen="callback"))
    st.text(repr(getattr(result, "poked", None)))
    st.text(st.session_state.get("seen", "-"))


def test_a_components_event_reaches_the_run_and_its_callback():
    at = AppTest.from_function(_probe).run()
    assert [t.value for t in at.text] == ["None", "-"]
    (element,) = at.get("bidi_component")
    states = apptest_internals.widget_states(at)
    apptest_internals.add_component_event(states, element.proto.id, "poked", {"x": 1})
    at = apptest_internals.run_with(at, states)
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.text] == ["{'x': 1}", "callback"]
    at.run()  # an event is a trigger: seen by one run only
    assert at.text[0].value == "None"


def test_an_event_as_a_fresh_sessions_first_run():
    shown = AppTest.from_function(_probe).run()
    (element,) = shown.get("bidi_component")
    fresh = AppTest.from_function(_probe)
    states = apptest_internals.no_widget_states()
    apptest_internals.add_component_event(states, element.proto.id, "poked", "hello")
    fresh = apptest_internals.run_with(fresh, states)
    assert fresh.text[0].value == "'hello'"


def _url() -> None:
    import streamlit as st

    if st.button("write", key="write"):
        st.query_params["a"] = "1"


def test_url_messages_are_counted():
    at = AppTest.from_function(_url).run()
    with apptest_internals.url_messages() as sent:
        at.run()
    assert sent == []
    with apptest_internals.url_messages() as sent:
        at.button(key="write").click().run()
    assert sent == [1]
    assert at.query_params["a"] in ("1", ["1"])


def _menu() -> None:
    import streamlit as st

    with st.popover("Menu"):
        st.text("inside")


def test_the_tree_holds_the_containers_apptest_has_no_accessor_for():
    at = AppTest.from_function(_menu).run()
    found = []

    def visit(node) -> None:
        for child in node.children.values():
            if child.type == "popover":
                found.append(child.proto.popover.label)
            if hasattr(child, "children"):
                visit(child)

    visit(apptest_internals.tree(at))
    assert found == ["Menu"]
