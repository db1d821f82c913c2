"""Roster import: a school's students from a CSV or XLSX file, all or nothing."""
