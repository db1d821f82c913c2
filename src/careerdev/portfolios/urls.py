from django.urls import path

from . import views

app_name = "portfolios"
urlpatterns = [
    path("", views.directory, name="directory"),
    # The student's own portfolio.
    path("me/", views.my_portfolio, name="mine"),
    path("me/request-review/", views.request_review, name="request_review"),
    path("me/unpublish/", views.unpublish_mine, name="unpublish_mine"),
    path("me/projects/new/", views.project_new, name="project_new"),
    path("me/projects/<int:pk>/", views.project_edit, name="project_edit"),
    path("me/projects/<int:pk>/move/", views.project_move, name="project_move"),
    path("me/projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("me/screenshots/<int:pk>/delete/", views.screenshot_delete, name="screenshot_delete"),
    # Staff.
    path("review/", views.review_queue, name="queue"),
    path("review/<int:pk>/", views.review, name="review"),
    path("review/student/<int:student_id>/", views.review_student, name="review_student"),
    path("review/<int:pk>/unpublish/", views.staff_unpublish, name="staff_unpublish"),
    # Public pages and their files (slugs never take the words above).
    path("<slug:slug>/", views.public_page, name="public"),
    path("<slug:slug>/photo/", views.photo, name="photo"),
    path("<slug:slug>/resume.pdf", views.resume, name="resume"),
    path("<slug:slug>/screenshots/<int:pk>/", views.screenshot, name="screenshot"),
]
