"""Errors an author or a packager can act on: never a traceback.

Every mistake in a lesson (or in course.yaml, a widget's `code` list, a model
file) is one `AuthorError`, `file:line: message`. Readers and renderers do not
stop at the first: they add each one to a `Problems` list and go on, so the
author sees every problem of a file at once. Only `build.py main()` exits.
"""
from __future__ import annotations


class BuildError(Exception):
    """Something stops the build; its message says what to do."""


class AuthorError(BuildError):
    """A mistake in a source file, reported as `file:line: message`."""

    def __init__(self, path, line, message):
        super().__init__(message)
        self.path, self.line, self.message = str(path), line, message

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


class Problems(list):
    """The AuthorErrors found in one file, in the order found."""

    def __init__(self, shown):
        super().__init__()
        self.shown = shown

    def add(self, line, message):
        self.append(AuthorError(self.shown, line, message))


class ToolError(BuildError):
    """A tool the build needs (Node.js for KaTeX) is missing or failed."""


class RuntimeFetchError(BuildError):
    """The Pyodide runtime could not be had, or did not match its pins."""
