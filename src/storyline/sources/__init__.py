"""The only place that reads inputs: files, folders and standard input."""

from storyline.sources.files import SUPPORTED_SUFFIXES, read_inputs

__all__ = ["SUPPORTED_SUFFIXES", "read_inputs"]
