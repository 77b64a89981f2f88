"""Plans from other tools: readers for their files and mappings onto the engine.

Pure Python, no Django: :mod:`cairn.interop.mspdi` reads Microsoft Project XML.
"""

from cairn.interop.mspdi import ProjectFile, ReaderError, read_mspdi, to_plan, unsupported

__all__ = ["ProjectFile", "ReaderError", "read_mspdi", "to_plan", "unsupported"]
