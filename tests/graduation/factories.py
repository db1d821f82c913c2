"""Early graduation requests for tests, opened through the service."""

from careerdev.graduation import services


def open_request(student, term, plan_text: str = "", plan_url: str = ""):
    return services.request_early_graduation(student, term, plan_text, plan_url)
