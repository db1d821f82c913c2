"""Deliverables: what each student must have done by when, and its status,
derived from the evidence the other apps hold."""
