"""The progress matrix as CSV: one row per student, one column per deliverable."""

from __future__ import annotations

import csv
import io

from careerdev.spreadsheets import neutralise

from .selectors import Matrix


def matrix_csv(matrix: Matrix) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    heading = ["Student", "Email", "Cohort", "Module", "Repeating"]
    heading += [d.title for d in matrix.deliverables]
    writer.writerow([neutralise(h) for h in heading])
    for row in matrix.rows:
        st = row.student
        cells = [c.status.label if c else "n/a" for c in row.cells]
        writer.writerow(
            [
                neutralise(v)
                for v in (
                    st.name,
                    st.email,
                    st.cohort,
                    st.module,
                    "yes" if st.repeating else "no",
                    *cells,
                )
            ]
        )
    return out.getvalue()
