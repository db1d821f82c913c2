"""Repeat plans: a student repeating Mod 4 meets the Career Development team
and sets goals from their first time's self-evaluation."""
