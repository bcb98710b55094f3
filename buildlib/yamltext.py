"""YAML as authors write it (front matter, widget settings, cards), with the line of each key."""
from __future__ import annotations

import yaml

from .errors import AuthorError


def load_yaml(text, shown, first_line):
    """(data, node) of one YAML document; AuthorError at the line of a syntax error."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(err, "problem", None) or str(err).split("\n")[0]
        if "'\\t'" in problem:
            problem += " (YAML does not allow a tab here: use spaces)"
        raise AuthorError(shown, line, f"invalid YAML: {problem}") from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as err:   # e.g. nesting thousands deep
        raise AuthorError(shown, first_line, f"invalid YAML: {type(err).__name__}") from None
    return data, node


def load_yaml_mapping(text, shown, first_line):
    """Parse YAML that must be `key: value` lines; return (dict, {key: line number})."""
    data, node = load_yaml(text, shown, first_line)
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise AuthorError(shown, first_line, "expected `key: value` lines")
    key_lines = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise AuthorError(shown, first_line + key.start_mark.line, "a key must be a plain word")
        if key.value in key_lines:
            raise AuthorError(shown, first_line + key.start_mark.line,
                              f"'{key.value}' is given twice (first on line {key_lines[key.value]})")
        key_lines[key.value] = first_line + key.start_mark.line
    for key in data:
        if not isinstance(key, str):
            line = key_lines.get(str(key).lower(), key_lines.get(str(key), first_line))
            raise AuthorError(shown, line, f"a key must be a plain word, got {key!r}")
    return data, key_lines
