"""The demo content `load_demo_content` writes.

Titles, names, credentials, dates and section headings are the clinic's facts,
taken from its original article; every paragraph is written fresh for this
site. Body entries are (block type, value) pairs; READ links name the target
article by slug and are resolved when the content is loaded.

Each article's slug here is also its demo key (see loader.py): it names the
demo's article for good, even after an editor gives the page another slug.
"""

import datetime

SITE_NAME = "ReCOOPERate PT"

HOME = {
    "title": "Home",
    "seo_title": "Physical Therapy for Runners in New York City",
    "hero_heading": "Run without the pain that keeps coming back",
    "hero_text": (
        "ReCOOPERate PT is a New York City physical-therapy clinic for runners. We find why it hurts, "
        "treat it, and get you back to the miles you love."
    ),
    "search_description": (
        "Running-specific physical therapy in New York City: gait analysis, manual therapy and strength training."
    ),
    "programs_heading": "How we help runners",
    "difference_heading": "What makes a running clinic different",
    "difference": [
        (
            "point",
            {
                "heading": "We watch you run",
                "text": "Every first visit includes your stride on video, not only tests on a table.",
            },
        ),
        (
            "point",
            {
                "heading": "Your training stays in the plan",
                "text": "We work around your races and weekly miles instead of telling you to stop.",
            },
        ),
        (
            "point",
            {
                "heading": "Strength for running",
                "text": "Exercises chosen for what each stride asks of your calves, hips and trunk.",
            },
        ),
        (
            "point",
            {
                "heading": "One therapist, start to finish",
                "text": "The same physical therapist sees you every visit, for the whole hour.",
            },
        ),
    ],
}
HOME_HERO_IMAGE = "runner-on-track"

BLOG = {
    "title": "Blog",
    "slug": "blog",
    "intro": "Advice for runners from the physical therapists at ReCOOPERate PT.",
    "search_description": (
        "Advice on running injuries, pain and training from the running-specialist physical therapists "
        "at ReCOOPERate PT in New York City."
    ),
    "show_in_menus": True,
}

PROGRAMS_PAGE = {
    "title": "Programs",
    "slug": "programs",
    "intro": "Care built around running: from a first look at your stride to the last step back to racing.",
    "search_description": "Running gait analysis and return-to-running programs at ReCOOPERate PT in New York City.",
    "show_in_menus": True,
}

PROGRAMS = [
    {
        "title": "Running gait analysis",
        "slug": "running-gait-analysis",
        "intro": "A close look at how you run, on video and in person, and what to change first.",
        "search_description": (
            "Running gait analysis in New York City: a video assessment of your stride with a physical "
            "therapist, and a short list of changes to make first."
        ),
        "image": "gait-analysis",
        "body": [
            ("section_heading", {"heading": "What happens"}),
            (
                "paragraph",
                "<p>You run on a treadmill in your usual shoes while we film from the side and from behind. "
                "Then we watch the footage together, slowed down, and test the strength and mobility behind "
                "what we see.</p>",
            ),
            ("section_heading", {"heading": "Who it is for"}),
            (
                "paragraph",
                "<ul><li>Runners with pain that returns at the same point of every run</li>"
                "<li>Runners building towards a first marathon</li>"
                "<li>Anyone changing shoes, surfaces or training volume</li></ul>",
            ),
            (
                "faq",
                {
                    "heading": "Questions about gait analysis",
                    "questions": [
                        {
                            "question": "What should I bring?",
                            "answer": "<p>The shoes you run in most, and clothes you can run in.</p>",
                        },
                        {
                            "question": "Do I need to be injured?",
                            "answer": "<p>No. Many runners come before a training block, to start it well.</p>",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "title": "Running injury rehab",
        "slug": "return-to-running",
        "intro": "A step-by-step plan from the first pain-free walk to your usual weekly mileage.",
        "search_description": (
            "Return to running after injury in New York City: a graded plan with a physical therapist, "
            "from walking to your usual mileage."
        ),
        "image": "return-to-running",
        "body": [
            ("section_heading", {"heading": "How the plan works"}),
            (
                "paragraph",
                "<p>We agree on clear tests you pass before each step: hopping without pain, a steady "
                "walk-run, then longer and faster runs. Each week adds a little, and nothing is rushed.</p>",
            ),
            ("section_heading", {"heading": "Working with your training"}),
            (
                "paragraph",
                "<p>If you have a race on the calendar, we plan backwards from it and tell you honestly "
                "whether it is realistic.</p>",
            ),
        ],
    },
    {
        "title": "Performance training for runners",
        "slug": "performance-training",
        "intro": "Strength and speed work chosen for what running asks of you, when you are healthy and want more.",
        "search_description": (
            "Performance training for runners in New York City: strength, power and running economy work "
            "planned with a physical therapist around your races."
        ),
        "image": "strength-training",
        "body": [
            ("section_heading", {"heading": "What we work on"}),
            (
                "paragraph",
                "<ul><li>Calf, hip and trunk strength that holds your form late in a race</li>"
                "<li>Hopping and bounding drills that make each stride cheaper</li>"
                "<li>A weekly plan that sits around your running, not on top of it</li></ul>",
            ),
            ("section_heading", {"heading": "How it is planned"}),
            (
                "paragraph",
                "<p>We test where you are now, set two or three targets, and check them again every few "
                "weeks so you can see what changed.</p>",
            ),
        ],
    },
    {
        "title": "Injury prevention for new runners",
        "slug": "new-runners",
        "intro": "A safe start for people new to running: how much, how often, and what to strengthen first.",
        "search_description": (
            "Injury prevention for new runners in New York City: a first running plan and strength routine "
            "from a physical therapist."
        ),
        "image": "running-shoes",
        "body": [
            ("section_heading", {"heading": "Why new runners get hurt"}),
            (
                "paragraph",
                "<p>Heart and lungs adapt within weeks; tendons and bones take months. Most early injuries "
                "come from adding distance faster than the body can keep up.</p>",
            ),
            ("section_heading", {"heading": "What you get"}),
            (
                "paragraph",
                "<ul><li>A look at how you run today</li><li>A walk-run plan for your first weeks</li>"
                "<li>Three or four strength exercises to do twice a week</li></ul>",
            ),
        ],
    },
    {
        "title": "Chronic pain care for runners",
        "slug": "chronic-pain",
        "intro": "For pain that has lasted months: a clear explanation, a gradual plan, and running kept in it.",
        "search_description": (
            "Chronic pain physical therapy for runners in New York City: a personal, gradual plan that keeps "
            "you moving."
        ),
        "image": "exercise-plan",
        "body": [
            ("section_heading", {"heading": "Our approach"}),
            (
                "paragraph",
                "<p>Long-lasting pain is real, and it is rarely a sign of damage on its own. We explain what is "
                "going on, find the amount of activity you can do today, and build from there week by week.</p>",
            ),
            ("section_heading", {"heading": "Keeping running in the plan"}),
            (
                "paragraph",
                "<p>Stopping completely often makes things worse. Where it is safe, we keep some running in "
                "your week and adjust it by how you respond.</p>",
            ),
        ],
    },
]

TEAM_PAGE = {
    "title": "Our team",
    "slug": "team",
    "intro": "Physical therapists who run, and who treat runners every day.",
    "search_description": "Meet the running-specialist physical therapists of ReCOOPERate PT in New York City.",
    "show_in_menus": True,
}

CLINICIAN_PAGE = {
    "title": "Dr. Jason Cooper",
    "slug": "jason-cooper",
    "search_description": (
        "Dr. Jason Cooper, PT, DPT, CSCS, ART: the founder of ReCOOPERate PT and a physical therapist for runners "
        "in New York City."
    ),
    "body": (
        "<h2>How he works</h2><p>Every first visit starts with the run itself: a look at the stride on the "
        "treadmill, then hands-on assessment and a plan that fits the training calendar rather than replacing it.</p>"
        "<h2>Training</h2><ul><li>Doctor of Physical Therapy (DPT)</li><li>Certified Strength and Conditioning "
        "Specialist (CSCS)</li><li>Active Release Techniques (ART) provider</li></ul>"
    ),
}

BOOKING_PAGE = {
    "title": "Book an appointment",
    "slug": "book",
    "search_description": (
        "Ask for an appointment with a running-specialist physical therapist at ReCOOPERate PT in New York City."
    ),
    "intro": (
        "Tell us a little about what is bothering you and when you are free. A member of the team "
        "replies within one working day to find a time that suits your training."
    ),
    "privacy_text": (
        "<p>We use what you send here only to arrange your appointment. It is kept in the clinic's "
        "booking system, seen only by the staff who handle appointments, never sold or shared, and "
        "removed once it is no longer needed. We will not send health details by email.</p>"
    ),
    "privacy_notice_version": "2025-09",
    "thank_you_heading": "Thank you: we have your request",
    "thank_you_text": (
        "<p>A member of the team will contact you within one working day, by the method you chose (or by phone "
        "or email if you did not choose one), "
        "to find a time for your evaluation. A confirmation is on its way to your email address.</p>"
        "<p>Nothing is booked until we have spoken, so there is nothing to pay yet.</p>"
    ),
    "show_in_menus": True,
}
# (topic slug, reason value): the reason the booking form preselects for a visitor from an article on that topic.
BOOKING_REASONS = [
    ("running-injuries", "recurring_injury"),
    ("chronic-pain", "lingering_pain"),
    ("mobility", "injury_prevention"),
]

# General pages under home, in menu order. Body entries are (block type, value), as in articles.
STANDARD_PAGES = [
    {
        "key": "first-visit",
        "title": "Your first visit",
        "slug": "first-visit",
        "show_in_menus": True,
        "intro": "What to expect at your first appointment, what to bring, and how to find us.",
        "search_description": (
            "Your first visit to ReCOOPERate PT: an hour with a physical therapist, what to wear and bring, "
            "and how to get here by subway."
        ),
        "body": [
            ("section_heading", {"heading": "How long it takes"}),
            (
                "paragraph",
                "<p>Plan for about an hour. The first visit is one-to-one with a physical therapist from start "
                "to finish; nobody hands you over to an assistant halfway through.</p>",
            ),
            ("section_heading", {"heading": "What to wear and bring"}),
            (
                "paragraph",
                "<ul><li>Clothes you can run in, and the shoes you run in most</li>"
                "<li>Your insurance card and a photo ID</li>"
                "<li>Any imaging reports or notes from a doctor, if you have them</li>"
                "<li>Your training log or watch data, if you keep one</li></ul>",
            ),
            ("section_heading", {"heading": "What happens"}),
            (
                "paragraph",
                "<p>We start with your story: when it hurts, what you have tried, what you are training for. "
                "Then we watch you move and run, test strength and mobility, and explain what we found in plain "
                "words. You leave with a plan, the first exercises, and an idea of how many visits it may take.</p>",
            ),
            (
                "clinic_details",
                {
                    "heading": "Getting here",
                    "directions": (
                        "<p>By subway, the 23rd Street stations on the R and W, the F and M, and the 6 lines are "
                        "each a few minutes' walk. Bike racks are on the street outside.</p>"
                    ),
                },
            ),
            (
                "faq",
                {
                    "heading": "Questions before a first visit",
                    "questions": [
                        {
                            "question": "Do I need a referral from a doctor?",
                            "answer": "<p>No. New York lets you see a physical therapist directly.</p>",
                        },
                        {
                            "question": "Should I run before the appointment?",
                            "answer": "<p>Not on the day if it hurts. We would rather see how you move as you are.</p>",
                        },
                    ],
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Ready for your first visit?",
                    "text": "Send a request and we will call you within one working day to find a time.",
                    "button_text": "Book now",
                },
            ),
        ],
    },
    {
        "key": "insurance",
        "title": "Insurance and payment",
        "slug": "insurance",
        "show_in_menus": True,
        "intro": "How paying for physical therapy works here: insurance, out-of-network help and self-pay rates.",
        "search_description": (
            "Insurance and payment at ReCOOPERate PT: plans we work with, help claiming out-of-network benefits, "
            "and self-pay rates."
        ),
        "body": [
            ("section_heading", {"heading": "Insurance plans"}),
            (
                "paragraph",
                "<p>We work with many commercial insurance plans. Plans change every year, so call us before your "
                "first visit with your member ID and we will check your physical-therapy benefits for you.</p>",
            ),
            ("section_heading", {"heading": "Out-of-network help"}),
            (
                "paragraph",
                "<p>If we are out of network for your plan, we give you an itemised receipt after each visit with "
                "the codes your insurer asks for, so you can claim back what your plan covers.</p>",
            ),
            ("section_heading", {"heading": "Self-pay rates"}),
            (
                "paragraph",
                "<ul><li>First visit, about 60 minutes: $180</li><li>Follow-up visit, about 45 minutes: $140</li>"
                "<li>Running gait analysis on its own: $160</li></ul>"
                "<p>We take cards, and HSA or FSA cards.</p>",
            ),
        ],
    },
    {
        "key": "contact",
        "title": "Location and contact",
        "slug": "contact",
        "show_in_menus": True,
        "intro": "Where we are, when we are open, and how to reach the team.",
        "search_description": "The address, phone number and opening hours of ReCOOPERate PT in New York City.",
        "body": [
            (
                "clinic_details",
                {
                    "heading": "Find us",
                    "directions": (
                        "<p>The 23rd Street subway stations on the R and W, the F and M, and the 6 lines are each "
                        "a few minutes' walk away.</p>"
                    ),
                },
            ),
            (
                "paragraph",
                "<p>Please do not send health details by email: call us, or use the booking form, which keeps "
                "them private.</p>",
            ),
        ],
    },
    {
        "key": "about",
        "title": "About the clinic",
        "slug": "about",
        "show_in_menus": False,
        "intro": "A physical-therapy clinic in New York City that treats runners, and only thinks about running.",
        "search_description": (
            "About ReCOOPERate PT: a running-specific physical-therapy clinic in New York City, founded by "
            "Dr. Jason Cooper."
        ),
        "body": [
            ("section_heading", {"heading": "What makes a running clinic different"}),
            (
                "paragraph",
                "<ul><li>We watch you run, not only stand and bend</li>"
                "<li>Your plan fits your training calendar instead of replacing it</li>"
                "<li>Strength work is chosen for what running asks of your body</li>"
                "<li>We know the roads, bridges and parks you train on</li></ul>",
            ),
            ("section_heading", {"heading": "Who we are"}),
            (
                "paragraph",
                "<p>Dr. Jason Cooper founded ReCOOPERate PT to give New York runners care built around the way "
                "they actually run. Meet the team on the team page.</p>",
            ),
        ],
    },
    {
        "key": "stories",
        "title": "Patient stories",
        "slug": "stories",
        "show_in_menus": False,
        "intro": (
            "Runners we have treated, in their own words, shared with their written consent. (The two below are "
            "examples for the demo site: the clinic replaces them with its patients' own.)"
        ),
        "search_description": "Runners treated at ReCOOPERate PT in New York City describe their recovery.",
        "body": [("patient_stories", {"heading": "In their own words"})],
    },
    {
        "key": "privacy",
        "title": "Privacy notice",
        "slug": "privacy",
        "show_in_menus": False,
        "intro": "What we collect when you ask for an appointment, why, who sees it and how long we keep it.",
        "search_description": "How ReCOOPERate PT collects, uses, protects and deletes the information you send.",
        "body": [
            ("section_heading", {"heading": "What we collect"}),
            (
                "paragraph",
                "<p>When you ask for an appointment we keep what you type into the form: your name, how to "
                "contact you, what brings you in and when you could come. This site sets no tracking cookies and "
                "loads nothing from other companies.</p>",
            ),
            ("section_heading", {"heading": "How we use it and who sees it"}),
            (
                "paragraph",
                "<p>Only to arrange your appointment. Only the staff who handle appointments can read it; details "
                "about your health are stored encrypted and never sent by email. We never sell or share it.</p>",
            ),
            ("section_heading", {"heading": "How long we keep it"}),
            (
                "paragraph",
                "<p>Requests that do not become appointments are deleted after a set period. Once you are a "
                "patient, your records are kept as New York law requires.</p>",
            ),
            ("section_heading", {"heading": "Your choices"}),
            (
                "paragraph",
                "<p>Ask us at any time to see, correct or delete what you sent: call or email the clinic.</p>",
            ),
        ],
    },
]

# Stories for the demo's Patient stories page. They are invented for the demo, and their consent records say so.
PATIENT_STORIES = [
    {
        "name": "Maya R., Brooklyn",
        "about": "Example for the demo site: a marathoner, back to racing after shin splints",
        "story": (
            "I had rested twice and the pain came back both times. Seeing my stride on video finally explained "
            "why, and I ran my autumn marathon without it."
        ),
        "consent_given_on": datetime.date(2025, 9, 2),
        "consent_record": "Demo content, not a real patient: replace before the site goes live.",
    },
    {
        "name": "Daniel K., Upper West Side",
        "about": "Example for the demo site: a new runner, first half marathon",
        "story": (
            "I started running at forty and my knees complained within a month. I got a plan that let me keep "
            "running while we fixed it, and I finished my first half."
        ),
        "consent_given_on": datetime.date(2025, 10, 14),
        "consent_record": "Demo content, not a real patient: replace before the site goes live.",
    },
]
# The footer's links, by page key, in order.
FOOTER_PAGES = ["about", "stories", "first-visit", "insurance", "contact", "privacy"]

CALL_TO_ACTION = {
    "name": "Book now (site-wide)",
    "heading": "Ready to run without pain?",
    "text": (
        "Book an evaluation with a running specialist at ReCOOPERate PT. We look at how you run, "
        "find what is holding you back and build a plan around your goals."
    ),
    "button_text": "Book now",
    "button_url": "",
}

CLINIC_SETTINGS = {
    "clinic_name": "ReCOOPERate PT",
    "tagline": "Physical therapy for runners in New York City",
    "phone": "(212) 555-0147",
    "email": "hello@recooperatept.com",
    "address": "New York, NY",
    "opening_hours": "Monday to Friday, 7am to 8pm\nSaturday, 8am to 2pm",
    # The same hours for search engines, and the map position of the demo's address (Manhattan).
    "opening_hours_specification": [
        (
            "hours",
            {"days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], "opens": "07:00", "closes": "20:00"},
        ),
        ("hours", {"days": ["Saturday"], "opens": "08:00", "closes": "14:00"}),
    ],
    "latitude": "40.741100",
    "longitude": "-73.989700",
    "footer_text": "Information on this site is general and is not a substitute for an evaluation.",
}

CLINICIAN = {
    "name": "Dr. Jason Cooper",
    "credentials": "PT, DPT, CSCS, ART",
    "role": "Founder and physical therapist",
    "bio": (
        "Jason founded ReCOOPERate PT to give New York runners care built around how they actually run: "
        "a close look at the stride, hands-on treatment and strength work that carries over to the road."
    ),
    "photo": "jason-cooper",
    "specialties": "Running injuries\nRunning gait analysis\nReturn to running after injury\nStrength and conditioning for runners",
}

TOPICS = [
    ("Running injuries", "running-injuries"),
    ("Chronic pain", "chronic-pain"),
    ("Mobility", "mobility"),
    ("Running in NYC", "running-in-nyc"),
]

IMAGES = {
    "runner-on-track": {
        "title": "A runner on a stadium track at sunrise",
        "description": (
            "Illustration of a runner in a yellow top and navy shorts mid-stride on a red running track with white "
            "lane lines, in front of blue stands, floodlights and a rising sun."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "nyc-running-guide": {
        "title": "The New York skyline at dawn behind a suspension bridge",
        "description": (
            "Illustration of the New York City skyline at dawn across the river, with a stone-towered suspension "
            "bridge in front and a small runner in a coral top crossing it."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "personalized-plan": {
        "title": "A physical therapist bending a runner's knee on a treatment table",
        "description": (
            "Illustration of a treatment room: a runner lies on a teal treatment table while a physical therapist in "
            "a teal polo shirt holds the runner's bent knee and ankle. Behind them are a window, a wall clock, a chart "
            "of the knee and a potted plant."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "mobility-exercises": {
        "title": "A kneeling hip stretch on a mat by a sunny window",
        "description": (
            "Illustration of a person in a coral top kneeling on a teal exercise mat in a low-lunge hip stretch, "
            "hands on the front knee, beside an arched window, a foam roller and a potted plant."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "gait-analysis": {
        "title": "A runner on a treadmill, filmed for gait analysis",
        "description": (
            "Illustration of a runner on a treadmill filmed from the side by a video camera on a tripod, while a "
            "screen on the wall replays the stride with the knee, hip and ankle marked as dots joined by lines."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "strength-training": {
        "title": "A goblet squat with a kettlebell in the gym",
        "description": (
            "Illustration of a runner in a deep squat holding a coral kettlebell at the chest, in a gym with a row "
            "of kettlebells, a wooden jump box, resistance bands hanging on a rail and a mirror."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "running-shoes": {
        "title": "A pair of running shoes, a watch and a water bottle",
        "description": (
            "Illustration of a pair of running shoes, one coral and one teal, on a wooden bench beside a water "
            "bottle and a sports watch."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "return-to-running": {
        "title": "A runner on a winding park path",
        "description": (
            "Illustration of a runner on a sandy path that winds away between the trees of a city park, with a "
            "bench, a lamp post and pale city buildings on the horizon."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "exercise-plan": {
        "title": "An exercise plan with a foam roller and a resistance band",
        "description": (
            "Illustration, seen from above, of an exercise mat holding a clipboard with a ticked weekly plan and a "
            "gently rising progress chart, a foam roller, a looped resistance band, a massage ball, a folded towel "
            "and a stopwatch."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
    "jason-cooper": {
        "title": "Dr. Jason Cooper",
        "description": (
            "Illustrated portrait for Dr. Jason Cooper: a smiling man with short dark hair, in the clinic's teal "
            "polo shirt, against a pale teal circle."
        ),
        "credit": "Illustration by ReCOOPERate PT",
    },
}

SEED_SLUG = "5-signs-you-might-need-running-specific-physical-therapy"

ARTICLES = [
    {
        "slug": "the-ultimate-guide-to-running-physical-therapy-in-new-york-city",
        "title": "The Ultimate Guide to Running Physical Therapy in New York City",
        "date": datetime.date(2025, 7, 21),
        "intro": (
            "What running-focused physical therapy involves, what a first visit looks like, and how to "
            "choose a clinic in New York City that understands runners."
        ),
        "image": "nyc-running-guide",
        "topics": ["running-in-nyc", "running-injuries"],
        "body": [
            (
                "paragraph",
                "<p>New York gives runners bridges, park loops and riverside paths, and it also gives them "
                "hard pavement, crowded sidewalks and winters that change how people train. Physical "
                "therapy for runners takes all of that into account.</p>",
            ),
            ("section_heading", {"heading": "What makes it different from general rehab"}),
            (
                "paragraph",
                "<p>A running-focused therapist watches you run, not only how you move on a treatment table. "
                "The plan is built around your mileage, your races and the surfaces you run on.</p>",
            ),
            ("section_heading", {"heading": "What happens at the first visit"}),
            (
                "paragraph",
                "<p>Expect a conversation about your training history, a movement screen, a look at your "
                "stride and a clear plan you can start the same week.</p>",
            ),
        ],
    },
    {
        "slug": "why-a-personalized-physical-therapy-plan-is-essential-for-chronic-pain-recovery",
        "title": "Why a Personalized Physical Therapy Plan is Essential for Chronic Pain Recovery",
        "date": datetime.date(2025, 7, 28),
        "intro": (
            "Chronic pain rarely has a single cause, so a printed sheet of generic exercises rarely fixes it. "
            "Here is why a plan built for one person works better."
        ),
        "image": "personalized-plan",
        "topics": ["chronic-pain"],
        "body": [
            (
                "paragraph",
                "<p>Two people with the same sore knee can need very different treatment: one may be "
                "missing hip strength, the other may have ramped up their mileage too quickly.</p>",
            ),
            ("section_heading", {"heading": "Finding the real driver of pain"}),
            (
                "paragraph",
                "<p>A personal plan starts with an assessment of how you move, what makes the pain better or "
                "worse, and what you want to get back to.</p>",
            ),
            ("section_heading", {"heading": "Adjusting as you improve"}),
            (
                "paragraph",
                "<p>The plan changes as you do. Exercises progress, hands-on treatment tapers off, and you "
                "leave with a routine you can keep.</p>",
            ),
        ],
    },
    {
        "slug": "the-best-mobility-exercises-for-chronic-pain-sufferers",
        "title": "The Best Mobility Exercises for Chronic Pain Sufferers",
        "date": datetime.date(2025, 8, 4),
        "intro": (
            "Gentle, regular mobility work can ease stiffness and make everyday movement less painful. "
            "These are the exercises we reach for most often."
        ),
        "image": "mobility-exercises",
        "topics": ["mobility", "chronic-pain"],
        "body": [
            (
                "paragraph",
                "<p>Mobility work is not about forcing range of motion. It is about giving stiff joints and "
                "guarded muscles a safe, repeated reason to move.</p>",
            ),
            ("section_heading", {"heading": "Hips: the 90/90 switch"}),
            (
                "paragraph",
                "<p>Sit with both knees bent at right angles and rotate slowly from side to side. Keep the "
                "movement small at first and breathe through it.</p>",
            ),
            ("section_heading", {"heading": "Spine: cat and camel"}),
            (
                "paragraph",
                "<p>On hands and knees, round and then gently arch your back. Ten slow repetitions are "
                "enough to start.</p>",
            ),
        ],
    },
    {
        "slug": SEED_SLUG,
        "title": "5 Signs You Might Need Running-Specific Physical Therapy",
        "seo_title": "5 Signs You Need Running-Specific Physical Therapy | NYC",
        "search_description": (
            "Recurring injuries, an uneven stride, lingering pain, a plateau or a new running habit: "
            "five reasons to see a running physical therapist in NYC."
        ),
        "date": datetime.date(2025, 8, 18),
        "intro": (
            "Aches that keep coming back, a stride that feels lopsided or a pace that will not budge can all point "
            "to the same thing: your running needs more than rest. Here are five signs it is time to see a "
            "physical therapist who specialises in runners."
        ),
        "image": "runner-on-track",
        "topics": ["running-injuries", "running-in-nyc"],
        "related": [
            "the-ultimate-guide-to-running-physical-therapy-in-new-york-city",
            "why-a-personalized-physical-therapy-plan-is-essential-for-chronic-pain-recovery",
            "the-best-mobility-exercises-for-chronic-pain-sufferers",
        ],
        "body": [
            (
                "paragraph",
                "<p>Running asks very little to get started: shoes, a route, a bit of time. That same "
                "simplicity makes it easy to ignore the early warnings when something in your training, "
                "your form or your recovery is not right. Plenty of runners treat a nagging ache as the "
                "price of the sport, until it stops them running altogether.</p>",
            ),
            ("read_link", "the-ultimate-guide-to-running-physical-therapy-in-new-york-city"),
            (
                "paragraph",
                "<p>Running-specific physical therapy looks at you as a runner. Instead of treating a sore "
                "spot in isolation, it asks how your stride, strength and training load put stress on "
                "that spot, whether your miles are loops of Central Park or the build-up to a half "
                "marathon.</p><p>Below are five signs that it is worth booking that kind of evaluation, "
                "and what the team at ReCOOPERate PT in New York City does about each one.</p>",
            ),
            (
                "section_heading",
                {
                    "heading": "1. You Keep Getting the Same Running Injury Over and Over",
                    "anchor": "same-injury-over-and-over",
                },
            ),
            (
                "image",
                {"image": "gait-analysis", "caption": "Repeat injuries usually trace back to how a runner moves."},
            ),
            (
                "paragraph",
                "<p>Shin splints that return every spring, a knee that flares whenever you add mileage, an "
                "Achilles that never quite settles: when the same problem keeps coming back, rest has "
                "treated the symptom but not the cause.</p><p>A running-specialist therapist looks for "
                "that cause by watching how you move at speed and at rest, checking strength side to side "
                "and asking how your training has changed. Treatment then covers the whole chain of "
                "movement, not just the part that hurts, so the next training block does not end the "
                "same way.</p>",
            ),
            (
                "section_heading",
                {"heading": "2. Your Running Form Feels Off or Uneven", "anchor": "form-feels-off-or-uneven"},
            ),
            (
                "paragraph",
                "<p>You may notice it before anyone else does: one foot lands louder, one shoe wears out "
                "first, or you limp for the first few minutes after a run. These are clues that your gait "
                "has become lopsided, often because of an old injury, a stiff joint or one side working "
                "harder than the other.</p>",
            ),
            ("read_link", "why-a-personalized-physical-therapy-plan-is-essential-for-chronic-pain-recovery"),
            (
                "paragraph",
                "<p>A gait analysis breaks your stride into its phases, from the moment your foot lands to "
                "the moment it pushes off, and shows where you compensate. With that picture, your "
                "therapist can target the weak or restricted links and help you move evenly again.</p>",
            ),
            (
                "section_heading",
                {"heading": "3. You Experience Pain That Lingers After a Run", "anchor": "pain-that-lingers"},
            ),
            (
                "paragraph",
                "<p>Tired legs the day after a long run are normal. Pain in a knee, hip, shin or lower back "
                "that is still there two or three days later is not, and running through it tends to make "
                "it worse.</p><p>Part of a therapist's job is to tell ordinary soreness apart from a "
                "mechanical problem. When it is the latter, a mix of hands-on treatment, strength work "
                "and movement retraining helps you recover sooner and keeps pain from becoming your "
                "baseline.</p>",
            ),
            (
                "quote",
                {
                    "quote": "Soreness fades in a day or two. Pain that outlasts that is telling you something.",
                    "attribution": "Dr. Jason Cooper, PT, DPT, CSCS, ART",
                },
            ),
            (
                "section_heading",
                {
                    "heading": "4. You’ve Plateaued in Performance Despite Consistent Training",
                    "anchor": "performance-plateau",
                },
            ),
            (
                "paragraph",
                "<p>You follow the plan, hit your weekly mileage and eat well, yet your times have not moved "
                "in months. Effort is rarely the problem. More often a stiff hip, a weak side or a core "
                "that switches off late in a run is quietly capping your speed and endurance.</p><p>A "
                "running-focused assessment treats your body as one system and finds the inefficiencies "
                "that hold you back. Targeted strength and coordination work then lets you train harder "
                "without raising your injury risk.</p>",
            ),
            (
                "section_heading",
                {
                    "heading": "5. You’re New to Running and Want to Prevent Injuries From the Start",
                    "anchor": "new-to-running",
                },
            ),
            (
                "paragraph",
                "<p>The first months of running are when people are most likely to get hurt: mileage climbs "
                "too fast, shoes are chosen for looks, and form has never been checked.</p>",
            ),
            ("read_link", "the-best-mobility-exercises-for-chronic-pain-sufferers"),
            (
                "paragraph",
                "<p>You do not need an injury to see a physical therapist. A baseline gait analysis, a "
                "sensible plan for building mileage and a few exercises matched to your body give you a "
                "head start, and the confidence to keep going.</p>",
            ),
            (
                "section_heading",
                {
                    "heading": "How ReCOOPERate PT Supports Runners in New York City",
                    "anchor": "how-recooperate-pt-supports-runners",
                },
            ),
            (
                "paragraph",
                "<p>At ReCOOPERate PT, running is treated as a skill worth coaching. Every evaluation "
                "combines gait analysis, hands-on therapy and a strength programme written for your goals, "
                "whether you are coming back from an injury, tired of the same pain, or simply want a "
                "smoother stride.</p><p>If any of these five signs sounded familiar, the next step is a "
                "conversation with a running specialist.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Recognise one of these signs?",
                    "text": "Book an evaluation with a physical therapist who works with runners every day.",
                    "button_text": "Book now",
                },
            ),
        ],
    },
]
