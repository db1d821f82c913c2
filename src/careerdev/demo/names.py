"""The raw material of the demo school: invented names, companies and words.

Every person in the demo is generated from these lists with a seeded random
generator, so nobody in it is a real person and every run makes the same
school. Companies are invented too.
"""

# First names, grouped by the pronouns the demo gives them most often; the
# neutral names get any of the common sets.
SHE_FIRST_NAMES = (
    "Amara", "Beatriz", "Camila", "Chloe", "Daniela", "Elena", "Fatima", "Grace",
    "Hana", "Imani", "Isabel", "Jasmine", "Katherine", "Keisha", "Leila", "Lucía",
    "Maya", "Mei", "Nadia", "Olivia", "Priya", "Rosa", "Sofia", "Tanisha",
    "Valentina", "Yasmin", "Zoe", "Elizabeth", "Margaret", "Aisha",
)  # fmt: skip
HE_FIRST_NAMES = (
    "Aarav", "Andrés", "Benjamin", "Carlos", "Darius", "Diego", "Elijah", "Emeka",
    "Hiroshi", "Ibrahim", "Jamal", "Javier", "Kwame", "Liam", "Malik", "Mateo",
    "Nikolai", "Omar", "Rafael", "Samuel", "Tariq", "Thomas", "Alexander", "William",
    "Wei", "Yusuf", "Jonathan", "Michael", "Daniel", "Gabriel",
)  # fmt: skip
NEUTRAL_FIRST_NAMES = (
    "Alex", "Avery", "Blake", "Casey", "Dakota", "Emerson", "Jordan", "Kai",
    "Morgan", "Quinn", "Reese", "Riley", "Rowan", "Sage", "Skyler", "Taylor",
)  # fmt: skip

LAST_NAMES = (
    "Abebe", "Adeyemi", "Alvarez", "Andersen", "Baker", "Banerjee", "Bennett", "Castillo",
    "Chen", "Clark", "Cruz", "Dang", "Delgado", "Diallo", "Edwards", "Eriksson",
    "Fernandes", "Fischer", "Flores", "Garcia", "Gonzalez", "Gupta", "Haddad", "Hall",
    "Hernandez", "Hughes", "Ibarra", "Ito", "Jackson", "Jensen", "Johnson", "Kapoor",
    "Kim", "Kowalski", "Lee", "Lopez", "Martin", "Mensah", "Morales", "Murphy",
    "Nakamura", "Nguyen", "Novak", "Okafor", "Okonkwo", "O'Brien", "Ortiz", "Park",
    "Patel", "Petrov", "Quispe", "Ramirez", "Reyes", "Rivera", "Robinson", "Rossi",
    "Sato", "Schmidt", "Silva", "Singh", "Sokolov", "Suzuki", "Tanaka", "Torres",
    "Tran", "Turner", "Vargas", "Walker", "Washington", "Wright", "Yamamoto", "Zhang",
)  # fmt: skip

# Some students go by a shorter name than the one on their record.
NICKNAMES = {
    "Alexander": "Xander",
    "Benjamin": "Ben",
    "Daniela": "Dani",
    "Elizabeth": "Liz",
    "Gabriel": "Gabe",
    "Isabel": "Izzy",
    "Jonathan": "Jon",
    "Katherine": "Kat",
    "Margaret": "Maggie",
    "Michael": "Mike",
    "Nikolai": "Niko",
    "Samuel": "Sam",
    "Thomas": "Tom",
    "Valentina": "Vale",
    "William": "Will",
    "Daniel": "Dan",
}

NEUTRAL_PRONOUNS = ("they/them", "they/them", "she/her", "he/him", "she/they", "he/they")

PROGRAMS = (("FE", "Front-End"), ("BE", "Back-End"))

# Career Development staff, in order; the first is the well-known demo login.
STAFF_TITLES = ("Career Specialist", "Career Specialist", "Director of Career Development")

# (company, title, expertise, bio) for the employer volunteers; expertise is
# an Expertise value. The companies are invented.
VOLUNTEERS = (
    (
        "Pinecrest Software", "Senior Software Engineer", "BE",
        "Builds payment APIs in Python and Go. Has run technical interviews for six years "
        "and likes talking through trade-offs more than trivia.",
    ),
    (
        "Red Rocks Health", "Front-End Engineer", "FE",
        "Works on an accessible patient portal in React. Career changer from teaching; "
        "happy to talk about portfolios and first-job nerves.",
    ),
    (
        "Bluebird Logistics", "Engineering Manager", "both",
        "Leads a team of eight full-stack developers and hires juniors every year. "
        "Asks about how you learn and how you work with others.",
    ),
    (
        "Aspen Ridge Analytics", "Technical Recruiter", "non-technical",
        "Recruits engineers for a data company. Gives straight feedback on resumes, "
        "elevator pitches and salary conversations.",
    ),
    (
        "Foothill Robotics", "Staff Engineer", "BE",
        "Writes the services that keep warehouse robots talking to each other. "
        "Enjoys system-design chats and debugging stories.",
    ),
    (
        "Sunflower Learning", "UX Engineer", "FE",
        "Designs and builds interfaces for an education start-up. Will ask you to walk "
        "through a project you are proud of.",
    ),
    (
        "Canyon Creek Bank", "Software Developer II", "both",
        "Bootcamp graduate, four years in. Works on Rails and React and remembers "
        "exactly what the job search felt like.",
    ),
    (
        "Mesa Verde Media", "Head of People", "non-technical",
        "Runs hiring and onboarding at a media company. Practises behavioural questions "
        "and the 'tell me about yourself' answer with you.",
    ),
    (
        "Prairie Wind Energy", "Back-End Developer", "BE",
        "Builds data pipelines for wind-farm telemetry with Django and PostgreSQL. "
        "Likes questions about testing and databases.",
    ),
    (
        "Lantern Games", "Senior Front-End Developer", "FE",
        "Makes browser games and the tools behind them. Interviews on JavaScript, "
        "CSS layout and performance.",
    ),
    (
        "Cottonwood Cloud", "Site Reliability Engineer", "both",
        "Keeps a hosting platform up at night so others can sleep. Happy to talk about "
        "on-call, incidents and non-traditional paths into tech.",
    ),
    (
        "Granite Peak Consulting", "Principal Consultant", "both",
        "Has hired developers for a dozen client teams. Focuses on communication, "
        "pairing and how you handle a problem you cannot solve yet.",
    ),
)  # fmt: skip
