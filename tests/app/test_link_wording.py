"""What a link that names no story says: stories are the programme's model-area stories, not rows of the table
(web/messages.py). In both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.data import ROOT


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "The link asks for a story that is not among the model-area stories."),
        ("th", "ลิงก์ระบุเรื่องเล่าที่ไม่มีอยู่ในเรื่องเล่าพื้นที่ต้นแบบ"),
    ],
)
def test_a_story_the_programme_does_not_have(points, lang, said):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["story"] = "7"
    at.run()
    at.switch_page("pages/stories.py").run()
    assert not at.exception, [e.value for e in at.exception]
    problems = [m.value for m in at.markdown if "link_off" in m.value]
    assert len(problems) == 1
    assert said in problems[0]
    assert "table" not in problems[0]
    assert "Asked for: 7" in [t.value for t in at.text] or lang == "th"
