"""Errors an author or a packager can act on: never a traceback."""
from __future__ import annotations


class AuthorError(Exception):
    """A mistake in a lesson file, reported as `file:line: message`."""

    def __init__(self, path, line, message):
        super().__init__(message)
        self.path, self.line, self.message = str(path), line, message

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


class RuntimeFetchError(Exception):
    """The Pyodide runtime could not be had, or did not match its pins."""
