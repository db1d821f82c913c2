"""Notifications: email and in-app notices, each with a key so nothing is
sent twice, and reminders that `careerdev send-reminders` queues and sends."""
