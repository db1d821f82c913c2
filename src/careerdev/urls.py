from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from careerdev.home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", home_views.health, name="health"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt"
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("people/", include("careerdev.people.urls")),
    path("school/", include("careerdev.school.urls")),
    path("roster/", include("careerdev.roster.urls")),
    path("groups/", include("careerdev.groups.urls")),
    path("reviews/", include("careerdev.reviews.urls")),
    path("portfolios/", include("careerdev.portfolios.urls")),
    path("jobs/", include("careerdev.jobsearch.urls")),
    path("deliverables/", include("careerdev.deliverables.urls")),
    path("self-evaluation/", include("careerdev.selfevaluation.urls")),
    path("sessions/", include("careerdev.sessions.urls")),
    path("interviews/", include("careerdev.interviews.urls")),
    path("notifications/", include("careerdev.notifications.urls")),
    path("calendar/", include("careerdev.calendars.urls")),
    path("graduation/", include("careerdev.graduation.urls")),
    path("repeat/", include("careerdev.repeats.urls")),
    path("audit/", include("careerdev.audit.urls")),
    path("admin/", admin.site.urls),
]
