"""Sessions and attendance."""
