"""careerdev: the professional-development programme of a coding school's final module."""
