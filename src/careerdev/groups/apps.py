from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "careerdev.groups"
    verbose_name = "Wednesday groups"

    def ready(self) -> None:
        from careerdev.school import shared

        from .models import (
            DiscussionGroup,
            GroupMember,
            GroupRound,
            MixItUpTopic,
            Prompt,
            TopicSurvey,
        )

        # Who is in which group and room, the topics, the survey and the
        # prompts: what every student's home page shares (school/shared.py).
        term_school = "(SELECT school_id FROM school_term WHERE id = {row}.term_id)"
        round_school = (
            "(SELECT t.school_id FROM groups_groupround r"
            " JOIN school_term t ON t.id = r.term_id WHERE r.id = {row}.round_id)"
        )
        shared.watch(MixItUpTopic, term_school)
        shared.watch(TopicSurvey, term_school)
        shared.watch(Prompt, "{row}.school_id")
        shared.watch(GroupRound, term_school)
        shared.watch(DiscussionGroup, round_school)
        shared.watch(GroupMember, round_school)
