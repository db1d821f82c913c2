"""Wednesday groups: Homeroom groups of cohort-mates for the whole module, and
Mix It Up groups across the student body in weeks 2 and 4 — topics, the
survey, forming (by careerdev.grouping), publishing, export and Slack."""
