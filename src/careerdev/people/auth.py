"""Sign-in by email, whatever its case."""

from django.contrib.auth.backends import ModelBackend

from .models import User, normalize_email


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = email or username
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email=normalize_email(email))
        except User.DoesNotExist:
            # Run the hasher anyway so timing does not reveal who has an account.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
