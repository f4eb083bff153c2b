"""The ``{% memo %}`` tag: a fragment rendered once per key and environment, its variables still seen."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from plugins.page_writer.core import TemplateIndex
from plugins.page_writer.fragments import FragmentMemo

TEMPLATES = {
    "card.html": "{% memo item, level %}<h{{ level }}>{{ count() }} {{ item.title }}{{ note }}</h{{ level }}>"
    "{% endmemo %}",
    "list.html": "{% for item in items %}{% include 'card.html' %}|{% endfor %}",
}


class Story:
    def __init__(self, title: str) -> None:
        self.title = title


def environment() -> tuple[Environment, list[int]]:
    calls: list[int] = []
    env = Environment(loader=DictLoader(TEMPLATES), extensions=[FragmentMemo], autoescape=True)
    env.globals["count"] = lambda: calls.append(1) or len(calls)
    return env, calls


def test_a_fragment_is_rendered_once_per_key_and_reused_as_it_was() -> None:
    env, calls = environment()
    one, two = Story("Hội nghị"), Story("Tin <khác>")
    first = env.get_template("list.html").render(items=[one, two, one], level=3)
    again = env.get_template("list.html").render(items=[two, one], level=3)
    assert first == "<h3>1 Hội nghị</h3>|<h3>2 Tin &lt;khác&gt;</h3>|<h3>1 Hội nghị</h3>|"
    assert again == "<h3>2 Tin &lt;khác&gt;</h3>|<h3>1 Hội nghị</h3>|"
    assert len(calls) == 2


def test_every_part_of_the_key_counts() -> None:
    env, _ = environment()
    story = Story("Hội nghị")
    assert env.get_template("card.html").render(item=story, level=2) == "<h2>1 Hội nghị</h2>"
    assert env.get_template("card.html").render(item=story, level=3) == "<h3>2 Hội nghị</h3>"
    assert env.get_template("card.html").render(item=Story("Hội nghị"), level=2) == "<h2>3 Hội nghị</h2>"


def test_each_environment_keeps_its_own_fragments() -> None:
    story = Story("Hội nghị")
    first, _ = environment()
    second, second_calls = environment()
    first.get_template("card.html").render(item=story, level=2)
    assert second.get_template("card.html").render(item=story, level=2) == "<h2>1 Hội nghị</h2>"
    assert len(second_calls) == 1


def test_page_signatures_still_see_what_the_fragment_reads() -> None:
    env, _ = environment()
    names, _ = TemplateIndex(env).variables("list.html")
    assert {"items", "level", "note"} <= names  # "note" is read inside the memo block only
