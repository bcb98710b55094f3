"""The course's outline: course.yaml (title, levels) and the lessons in order."""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import AuthorError
from .lessons import LEVELS, decode
from .yamltext import load_yaml_mapping

LEVEL_TAGS = {1: "Level 1", 2: "Level 2", 3: "Level 3", 4: "Level 4", "frontier": "Frontier"}


@dataclass
class Level:
    key: object
    name: str
    title: str
    blurb: str
    intro: str
    lessons: list = field(default_factory=list)
    intro_html: str = ""

    @property
    def tag(self):
        return LEVEL_TAGS[self.key]

    @property
    def slug(self):
        return "frontier" if self.key == "frontier" else f"level-{self.key}"

    @property
    def url(self):
        return f"{self.slug}/index.html"


@dataclass
class Course:
    title: str
    tagline: str
    intro: str
    levels: list
    intro_html: str = ""


def read_course(path, shown):
    """The course outline; raises AuthorError (course.yaml is small: its first problem is enough)."""
    data, key_lines = load_yaml_mapping(decode(path.read_bytes(), shown), shown, first_line=1)
    for key in ("title", "tagline", "intro", "levels"):
        if key not in data:
            raise AuthorError(shown, 1, f"course.yaml is missing '{key}'")
    raw_levels = data["levels"]
    if not isinstance(raw_levels, list):
        raise AuthorError(shown, key_lines["levels"], "'levels' must be a list")
    levels = []
    for raw in raw_levels:
        if not isinstance(raw, dict) or raw.get("key") not in LEVELS:
            raise AuthorError(shown, key_lines["levels"], f"each level needs a key among 1, 2, 3, 4, frontier; got {raw!r}")
        missing = [k for k in ("name", "title", "blurb", "intro") if not isinstance(raw.get(k), str)]
        if missing:
            raise AuthorError(shown, key_lines["levels"], f"level {raw['key']} is missing {', '.join(missing)}")
        levels.append(Level(raw["key"], raw["name"], raw["title"], raw["blurb"], raw["intro"]))
    if [lv.key for lv in levels] != list(LEVELS):
        raise AuthorError(shown, key_lines["levels"], "levels must be listed in order: 1, 2, 3, 4, frontier")
    return Course(data["title"], data["tagline"], data["intro"], levels)


def place_lessons(course, lessons, shown_of):
    """Put each lesson in its level, in order; two lessons may not share an order or a page."""
    errors = []
    by_key = {lv.key: lv for lv in course.levels}
    for lesson in sorted(lessons, key=lambda l: (str(l.level), l.order, l.path.name)):
        level = by_key[lesson.level]
        clash = next((other for other in level.lessons if other.order == lesson.order), None)
        if clash:
            errors.append(AuthorError(shown_of(lesson), lesson.key_lines.get("order", 1),
                                      f"order {lesson.order} in level {lesson.level} is already used by {shown_of(clash)}"))
            continue
        twin = next((other for other in level.lessons if other.slug == lesson.slug), None)
        if twin:
            errors.append(AuthorError(shown_of(lesson), 1, f"{shown_of(twin)} has the same slug '{lesson.slug}', "
                                                           f"so both would be the page {lesson.url}"))
            continue
        level.lessons.append(lesson)
    return errors
