"""The default Markdown for Wednesday PD time, written for careerdev.

Data only: careerdev.groups.prompts seeds each school's Prompt rows from
here once, and staff edit them in the app afterwards. Every Homeroom prompt
is short on purpose: a structure with timings and a few questions. Weeks 2
and 4 have 30-minute Homerooms because Mix It Up takes the second half-hour.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .models import TopicKind


@dataclass(frozen=True)
class DefaultPrompt:
    key: str
    title: str
    body: str


def _md(text: str) -> str:
    return textwrap.dedent(text).strip() + "\n"


LEADER_DIRECTIONS_KEY = "leader-directions"

# The seven Mix It Up topics a term starts with (staff may edit them per term).
DEFAULT_TOPICS: tuple[tuple[str, TopicKind], ...] = (
    ("Networking", TopicKind.STANDARD),
    ("Interviewing", TopicKind.STANDARD),
    ("Materials", TopicKind.STANDARD),
    ("Job Search Strategies", TopicKind.STANDARD),
    ("Negotiations", TopicKind.STANDARD),
    ("Industry interest", TopicKind.INDUSTRY),
    ("Identifying as less represented in tech", TopicKind.LESS_REPRESENTED),
)

_NORMS = "make space, be present, make the time valuable"

# (module, week) -> Markdown. Weeks 2 and 4 are 30 minutes; the others 60.
HOMEROOM: dict[tuple[int, int], str] = {
    # Module 1: getting to know each other and starting the habits.
    (1, 1): _md(f"""
        ## Meet your group

        This group meets every Wednesday of the module. Today is about
        getting to know each other and agreeing how you will work together.

        **Structure (60 minutes)**

        - 15 min — introductions: name, pronouns, what you did before
          coding school.
        - 20 min — agree on your group's norms. A suggested start:
          *{_NORMS}*. Add or change what you need.
        - 20 min — the questions below, everyone answers.
        - 5 min — each person names one habit to keep up this module.

        **Questions**

        1. What brought you to software development?
        2. What kind of work do you picture yourself doing in a year?
        3. What helps you learn best, and what gets in your way?
        4. How should this group check in if someone falls behind?
        """),
    (1, 2): _md("""
        ## Your story in a minute

        A short Homeroom today: Mix It Up groups meet in the second half-hour.

        **Structure (30 minutes)**

        - 5 min — quick check-in round.
        - 20 min — each person tells their story in about a minute: who
          they are, where they come from, where they are heading. The group
          gives one thing that landed and one thing to sharpen.
        - 5 min — head to your Mix It Up room.

        **Questions**

        1. Which part of your background sets you apart?
        2. What do you want someone to remember after meeting you?
        3. How would you say it to a developer, and to a recruiter?
        """),
    (1, 3): _md("""
        ## Networking as a habit

        **Structure (60 minutes)**

        - 10 min — check-in: one win and one struggle from the week.
        - 20 min — open your LinkedIn profiles together: headline, photo,
          about section. Trade suggestions.
        - 20 min — list people you already know who work in or near tech.
        - 10 min — each person picks one person to contact this week.

        **Questions**

        1. What makes you hesitate to reach out to someone?
        2. Who in your life could introduce you to a developer?
        3. What would you ask in a 20-minute conversation?
        4. How will you keep track of who you have talked to?
        """),
    (1, 4): _md("""
        ## Asking for help

        A short Homeroom today: Mix It Up groups meet in the second half-hour.

        **Structure (30 minutes)**

        - 5 min — check-in round.
        - 20 min — the questions below.
        - 5 min — head to your Mix It Up room.

        **Questions**

        1. When did asking for help save you time this module?
        2. What makes a good question to a mentor or a teammate?
        3. Where could you share what you are learning in public?
        """),
    (1, 5): _md("""
        ## Working session: your first materials

        Use the hour to make progress on this module's professional
        development pieces, side by side.

        **Structure (60 minutes)**

        - 5 min — each person says what they will finish today.
        - 40 min — work: a LinkedIn profile that is complete, and a first
          draft of your resume. Ask the group when you are stuck.
        - 15 min — pair up and review one thing each.

        **Questions**

        1. What is still missing from your profile or resume?
        2. What did you learn from reading someone else's?
        3. Which habit from this module will you carry into the next?
        """),
    # Module 2: materials.
    (2, 1): _md(f"""
        ## A new module: check in on your norms

        **Structure (60 minutes)**

        - 10 min — welcome anyone new; introductions.
        - 15 min — revisit your norms (*{_NORMS}*). What worked last
          module, and what should change?
        - 25 min — the questions below.
        - 10 min — each person sets one goal for their materials.

        **Questions**

        1. What did you learn about yourself last module?
        2. How do you want this group to hold you to your goals?
        3. What does a strong resume look like to you?
        4. What is one thing in your materials you want feedback on?
        """),
    (2, 2): _md("""
        ## Describing your projects

        A short Homeroom today: Mix It Up groups meet in the second half-hour.

        **Structure (30 minutes)**

        - 5 min — check-in round.
        - 20 min — each person reads one resume bullet about a project;
          the group helps make it about the problem, what you built and the
          result.
        - 5 min — head to your Mix It Up room.

        **Questions**

        1. What problem did your project solve, and for whom?
        2. Which technical decision are you proudest of?
        3. How can you show impact with a number or a concrete outcome?
        """),
    (2, 3): _md("""
        ## Cover letters that fit the job

        **Structure (60 minutes)**

        - 10 min — check-in.
        - 20 min — look at one job posting together and pick out what the
          company cares about.
        - 20 min — each person drafts an opening paragraph for that posting.
        - 10 min — read a few aloud and trade feedback.

        **Questions**

        1. What in the posting tells you about the team's needs?
        2. Which of your experiences fits those needs best?
        3. How do you sound like yourself and still stay professional?
        """),
    (2, 4): _md("""
        ## Following up

        A short Homeroom today: Mix It Up groups meet in the second half-hour.

        **Structure (30 minutes)**

        - 5 min — check-in round.
        - 20 min — the questions below.
        - 5 min — head to your Mix It Up room.

        **Questions**

        1. Who have you talked to since last module, and what came of it?
        2. How soon and how do you follow up after a conversation?
        3. What could you offer the people in your network in return?
        """),
    (2, 5): _md("""
        ## Working session: resume and cover letter

        **Structure (60 minutes)**

        - 5 min — each person says what they will finish today.
        - 35 min — work on your resume and a cover letter you can adapt.
        - 20 min — swap with a partner and review against the job posting
          from week 3.

        **Questions**

        1. Could a reader tell in ten seconds what you do?
        2. Is every bullet about something you did and what it changed?
        3. What is left to polish before a Career Specialist reviews it?
        """),
    # Module 3: interviewing basics.
    (3, 1): _md(f"""
        ## Check in and look ahead

        **Structure (60 minutes)**

        - 10 min — welcome anyone new; introductions.
        - 15 min — revisit your norms (*{_NORMS}*).
        - 25 min — the questions below.
        - 10 min — each person names one interviewing skill to practise.

        **Questions**

        1. How are you feeling about the job search that starts next module?
        2. Which part of interviewing worries you most?
        3. What has this group done well so far?
        4. What would make these Wednesdays more useful this module?
        """),
    (3, 2): _md("""
        ## Telling stories about your work

        A short Homeroom today: Mix It Up groups meet in the second half-hour.

        **Structure (30 minutes)**

        - 5 min — check-in round.
        - 20 min — each person tells a two-minute story: the situation, the
          task, what you did, the result. The group asks one follow-up.
        - 5 min — head to your Mix It Up room.

        **Questions**

        1. Tell us about a time you were stuck on a bug. What did you do?
        2. Tell us about a disagreement on a team and how it ended.
        3. What did you learn from a project that did not go to plan?
        """),
    (3, 3): _md("""
        ## Thinking aloud

        **Structure (60 minutes)**

        - 10 min — check-in.
        - 40 min — in pairs, take turns on a small problem: one person
          solves it while talking through their thinking, the other listens
          and asks questions like an interviewer. Swap halfway.
        - 10 min — debrief together.

        **Questions**

        1. What did you say before you started writing code?
        2. How did you handle the moment you did not know what to do next?
        3. What did the listener understand best, and what was unclear?
        """),
    (3, 4): _md("""
        ## Your questions for them

        A short Homeroom today: Mix It Up groups meet in the second half-hour.

        **Structure (30 minutes)**

        - 5 min — check-in round.
        - 20 min — the questions below.
        - 5 min — head to your Mix It Up room.

        **Questions**

        1. What do you want to know about a team before you join it?
        2. Which questions to an interviewer show you did your research?
        3. How would you find out what a company's engineers actually work on?
        """),
    (3, 5): _md("""
        ## Working session: ready for Mod 4

        **Structure (60 minutes)**

        - 5 min — each person says what they will finish today.
        - 40 min — work: your portfolio draft, your story in a minute, and
          a list of companies you would like to work for.
        - 15 min — share your list; the group suggests one more company each.

        **Questions**

        1. What is the first thing an employer sees in your portfolio?
        2. Which two projects best show what you can do?
        3. Where will you be looking for jobs next module?
        """),
    # Module 4: the job search.
    (4, 1): _md(f"""
        ## Mod 4 starts: revisit your norms

        Your group may have carried over from last module. Start by looking
        again at how you work together: the job search is easier with a
        group that has your back.

        **Structure (60 minutes)**

        - 10 min — welcome anyone new, including students repeating Mod 4.
        - 20 min — revisit your norms. A suggested set: *{_NORMS}*. Keep
          what works, change what does not, and agree on them out loud.
        - 20 min — walk through this module's deliverables: a document
          review, your published portfolio, and one application through the
          5-step job search process.
        - 10 min — each person sets one goal for the week.

        **Questions**

        1. Which norm matters most to you in this module, and why?
        2. What does a good week of job searching look like for you?
        3. Which deliverable will be hardest for you, and what would help?
        4. How will this group keep each other going?
        """),
    (4, 2): _md("""
        ## Your job search so far

        A short Homeroom today: Mix It Up groups meet in the second half-hour.

        **Structure (30 minutes)**

        - 5 min — check-in round.
        - 20 min — each person shows their tracker: how many opportunities,
          where each one stands, what is next.
        - 5 min — head to your Mix It Up room. Mod 4 leaders, go a minute
          early.

        **Questions**

        1. Which step of the 5-step process do you skip most, and why?
        2. Who have you reached out to at a company this week?
        3. What is one thing someone here could help you with?
        """),
    (4, 3): _md("""
        ## Mock interview week

        This week you meet an employer volunteer for a mock interview.

        **Structure (60 minutes)**

        - 10 min — check-in: when is your mock interview, and with whom?
        - 20 min — practise in pairs: one behavioural and one technical
          question each.
        - 20 min — anyone who has had their interview shares the feedback
          they got.
        - 10 min — each person writes down one thing to improve.

        **Questions**

        1. What feedback surprised you, from the volunteer or from a peer?
        2. How did you prepare, and what would you do differently?
        3. Has your volunteer sent a video-call link? If not after 48 hours,
           write to them with your resume attached.
        4. Which of your stories worked best?
        """),
    (4, 4): _md("""
        ## Offers and negotiation

        A short Homeroom today: Mix It Up groups meet in the second half-hour.

        **Structure (30 minutes)**

        - 5 min — check-in round.
        - 20 min — the questions below, building on the negotiation workshop.
        - 5 min — head to your Mix It Up room.

        **Questions**

        1. What is your number, and how did you arrive at it?
        2. What besides salary would you negotiate for?
        3. How would you answer "What are your salary expectations?"
        4. Is your negotiation exit ticket done? It is due Friday if your
           cohort has one.
        """),
    (4, 5): _md("""
        ## Working session: this module's deliverables

        Use the hour to finish what is due by the end of the week.

        **Structure (60 minutes)**

        - 5 min — each person says which deliverable they will finish today.
        - 45 min — work:
            - your document review with a Career Specialist (resume, cover
              letter, LinkedIn);
            - your portfolio, complete and sent for review;
            - one application through the 5-step job search process, with
              your tracker updated at every step.
        - 10 min — share what you finished and what is left.

        **Questions**

        1. What is blocking your portfolio from being published?
        2. Who did you reach out to for your application, and did you tell
           them you applied?
        3. Have you filled in your self-evaluation for the module?
        """),
}

TOPICS: dict[str, str] = {
    "Networking": _md("""
        ## Mix It Up: Networking

        **Structure (30 minutes)**

        - 5 min — introductions: name, module, program.
        - 20 min — the leader shares how networking has worked in their job
          search; everyone joins in with the questions below.
        - 5 min — each person names one person they will contact this week.

        **Questions**

        1. How did your best conversation with someone in tech start?
        2. What do you write in a first message to a stranger?
        3. How do you keep a contact warm without asking for anything?
        4. Which events or communities have been worth your time?
        """),
    "Interviewing": _md("""
        ## Mix It Up: Interviewing

        **Structure (30 minutes)**

        - 5 min — introductions: name, module, program.
        - 20 min — the leader tells the story of a recent interview; the
          group asks questions.
        - 5 min — each person names one thing to practise.

        **Questions**

        1. What happened in your most recent interview, step by step?
        2. How do you prepare for a technical question you cannot answer?
        3. Which behavioural question do you dread, and how would you answer?
        4. What do you do in the hour after an interview?
        """),
    "Materials": _md("""
        ## Mix It Up: Materials

        **Structure (30 minutes)**

        - 5 min — introductions: name, module, program.
        - 20 min — the leader shows what changed in their resume, cover
          letter or portfolio and why; the group discusses.
        - 5 min — each person names one change to make this week.

        **Questions**

        1. What has a reviewer told you that changed your resume?
        2. How do you tailor a cover letter without starting from scratch?
        3. What makes a portfolio project worth a click?
        4. How much of your LinkedIn do employers actually read?
        """),
    "Job Search Strategies": _md("""
        ## Mix It Up: Job Search Strategies

        **Structure (30 minutes)**

        - 5 min — introductions: name, module, program.
        - 20 min — the leader walks through how they find and choose
          opportunities; the group compares approaches.
        - 5 min — each person names one step of the 5-step process to try.

        **Questions**

        1. Where do you find opportunities that are not on the big job boards?
        2. How do you research a company before you reach out?
        3. How do you keep track of every application?
        4. How do you decide when to stop pursuing an opportunity?
        """),
    "Negotiations": _md("""
        ## Mix It Up: Negotiations

        **Structure (30 minutes)**

        - 5 min — introductions: name, module, program.
        - 20 min — the leader shares what they know about offers and
          negotiation so far; the group brings questions.
        - 5 min — each person names one thing to find out before an offer.

        **Questions**

        1. How do you find out what a role pays in your area?
        2. What would you say when an offer comes in below your number?
        3. What parts of an offer matter to you besides salary?
        """),
    "Industry interest": _md("""
        ## Mix It Up: Industry interest

        **Structure (30 minutes)**

        - 5 min — introductions: name, module, program, and the industry
          that interests you.
        - 20 min — the leader shares how they explore an industry; each
          person talks about theirs.
        - 5 min — each person names one company in their industry to research.

        **Questions**

        1. What draws you to this industry?
        2. What do developers there work on day to day?
        3. Who could you talk to who works there now?
        4. Does your past career give you an edge in it?
        """),
    "Identifying as less represented in tech": _md("""
        ## Mix It Up: Identifying as less represented in tech

        This group is open format. Nobody is expected to lead and there is no
        agenda: use the time the way the group wants. The Mod 4 member posts
        where the group meets; everyone takes part as they like.

        Who is in this group stays within the group.

        **If you would like a starting point**

        1. What has helped you feel you belong in tech?
        2. Which communities or people have supported you?
        3. What do you wish employers understood?
        """),
}

LEADER_DIRECTIONS = DefaultPrompt(
    key=LEADER_DIRECTIONS_KEY,
    title="Directions for Mod 4 leaders",
    body=_md("""
        ## Leading a Mix It Up group

        As a Mod 4 student you lead a Mix It Up group of students from every
        module. You do not need to be an expert: you are a few weeks ahead in
        the job search, and that is what the others want to hear about.

        **Before the session**

        - Post the room number in your group's Slack conversation, so
          everyone knows where to go.
        - Read your topic's prompt and pick a story from your own job search
          to open with.

        **During the session (30 minutes)**

        - Open with introductions and keep them short.
        - Share your job-search experience: what worked, what did not.
        - Drive the talk: ask the questions, invite quieter people in, and
          keep an eye on the time.
        - Keep to the group's norms: make space, be present, make the time
          valuable.

        **If your group is the open-format one**

        You are not expected to lead: post the room where the group meets
        and take part like everyone else.
        """),
)


def homeroom_key(module: int, week: int) -> str:
    return f"homeroom:{module}:{week}"


def topic_key(topic_name: str) -> str:
    return f"topic:{topic_name.strip().lower()}"


def homeroom_title(module: int, week: int) -> str:
    return f"Mod {module} · Week {week} Homeroom"


def topic_title(topic_name: str) -> str:
    return f"Mix It Up · {topic_name.strip()}"


def all_defaults() -> list[DefaultPrompt]:
    """Every default prompt, Homeroom first (by module and week), then the
    topics in their default order, then the leader directions."""
    prompts = [
        DefaultPrompt(homeroom_key(m, w), homeroom_title(m, w), body)
        for (m, w), body in sorted(HOMEROOM.items())
    ]
    prompts += [
        DefaultPrompt(topic_key(name), topic_title(name), TOPICS[name])
        for name, _ in DEFAULT_TOPICS
    ]
    prompts.append(LEADER_DIRECTIONS)
    return prompts


def default_for(key: str) -> DefaultPrompt | None:
    return next((p for p in all_defaults() if p.key == key), None)


def generic_homeroom(module: int, week: int) -> str:
    """For a PD week the defaults do not cover (a school with a longer PD calendar)."""
    return _md(f"""
        ## Mod {module}, week {week}

        **Structure (60 minutes)**

        - 10 min — check-in round.
        - 40 min — the questions below.
        - 10 min — each person names one next step.

        **Questions**

        1. What went well for you this week?
        2. Where are you stuck, and who could help?
        3. What will you do before next Wednesday?
        """)


def generic_topic(topic_name: str) -> str:
    """For a Mix It Up topic staff added to a term."""
    return _md(f"""
        ## Mix It Up: {topic_name.strip()}

        **Structure (30 minutes)**

        - 5 min — introductions: name, module, program.
        - 20 min — the leader shares their experience; everyone joins in.
        - 5 min — each person names one next step.

        **Questions**

        1. What is your experience with this topic so far?
        2. What would you like to get better at?
        3. What is one thing you will try this week?
        """)
