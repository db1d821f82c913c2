"""People: the one user model (staff, students, volunteers), their profiles,
invitations and sign-in."""
