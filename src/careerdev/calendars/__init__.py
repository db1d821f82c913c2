"""Calendar feeds: each person's sessions, groups and bookings as a private,
revocable iCalendar feed, and any one event as an .ics download."""
