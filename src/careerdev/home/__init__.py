"""Each person's home page: what they need this week, gathered from every app."""
