"""The school: its settings, programs, cohorts, terms and who is enrolled in
which module."""
