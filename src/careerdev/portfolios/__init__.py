"""Portfolios."""
