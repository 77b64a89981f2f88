"""A package, not just a folder: the demo fixture's "package" scope ends with it (for a
plain folder pytest would keep it for the whole session)."""
