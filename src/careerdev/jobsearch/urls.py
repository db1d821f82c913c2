app_name = "jobsearch"
urlpatterns: list = []
