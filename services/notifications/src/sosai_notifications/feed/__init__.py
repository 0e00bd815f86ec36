"""The public change feed: every public event in arrival order, as JSON pages and as Atom."""
