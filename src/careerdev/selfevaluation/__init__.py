"""Self-evaluation: each student rates themselves against the five
competencies at the end of a module; repeat plans start from it."""
