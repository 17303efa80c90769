"""Text from data is shown as text: never run as a template, never injected as HTML."""
from conftest import build_project


def test_template_and_html_in_data_are_shown_as_text(project):
    path = project / "data/elections/zs-2023/election.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("action: Принятие решения о назначении выборов",
                        "action: 'Принятие {{ 7*7 }} {% if true %}X{% endif %} <script>alert(1)</script> *жирный* [ссылка](http://evil)'", 1)
    path.write_text(text, encoding="utf-8")
    build_project(project)
    html = (project / "site/vybory/zs-2023/index.html").read_text(encoding="utf-8")
    item = html[html.index('id="p-1"'):html.index('id="p-2"')]
    assert "{{ 7*7 }}" in item and "{% if true %}X{% endif %}" in item
    assert "49" not in item
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in item and "<script>alert" not in html
    assert "*жирный*" in item and "<em>жирный" not in item
    assert 'href="http://evil"' not in html
