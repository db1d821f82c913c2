"""Document reviews."""
