"""The only place that reads inputs: files, folders, standard input, and bytes the web API received."""

from storyline.sources.files import SUPPORTED_SUFFIXES, read_data, read_inputs

__all__ = ["SUPPORTED_SUFFIXES", "read_data", "read_inputs"]
