"""A student's self-evaluation for one term: a grade and evidence for each of
the five competencies. Private to the student and the school's staff."""

from django.conf import settings
from django.db import models

from careerdev.school.models import Term


class Competency(models.TextChoices):
    NETWORKING = "networking", "Networking"
    INTERVIEWING = "interviewing", "Interviewing"
    MATERIALS = "materials", "Materials"
    JOB_SEARCH = "job_search", "Job Search Strategies"
    NEGOTIATIONS = "negotiations", "Negotiations"


class Grade(models.IntegerChoices):
    NOT_YET = 1, "Not yet"
    APPROACHING = 2, "Approaching"
    MEETS = 3, "Meets"
    EXCEEDS = 4, "Exceeds"


class SelfEvaluation(models.Model):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_evaluations"
    )
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+")
    module = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint("student", "term", name="one_self_evaluation_per_term"),
            models.CheckConstraint(
                condition=models.Q(module__gte=1, module__lte=4),
                name="self_evaluation_module_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"Self-evaluation of {self.student}, {self.term}"


class CompetencyRating(models.Model):
    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="ratings")
    competency = models.CharField(max_length=20, choices=Competency.choices)
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    evidence = models.TextField(
        max_length=2000, blank=True, help_text="What you did that shows this grade."
    )

    class Meta:
        ordering = ["evaluation", "competency"]
        constraints = [
            models.UniqueConstraint("evaluation", "competency", name="one_rating_per_competency"),
            models.CheckConstraint(
                condition=models.Q(competency__in=Competency.values),
                name="rating_competency_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(grade__gte=1, grade__lte=4), name="rating_grade_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_competency_display()}: {self.get_grade_display()}"
