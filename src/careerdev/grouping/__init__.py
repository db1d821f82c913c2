"""The group-formation engine for Homeroom and Mix It Up groups.

Pure Python with no Django import (enforced by import-linter), so it can be
tested, benchmarked and reasoned about on its own. Filled in by the Wednesday
groups work.
"""
