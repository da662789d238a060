"""The default codebook in English (our own words): label, description, inclusion criteria,
exclusion criteria, example."""

TEXTS = {
    "education": (
        "Empower through education",
        "Ongoing training for every health professional in cultural awareness and active "
        "listening, and work on the unconscious biases that shape care.",
        "What health professionals learn: cultural awareness, active listening, bias, and how "
        "people wish it were taught.",
        "Information given to patients: use Promote consistent, accessible communication.",
        "Nurses should be taught how to talk with people like me.",
    ),
    "research": (
        "Champion diversity in research",
        "Research and outcome data that represent the whole population, with consistent and open "
        "data on under-represented groups and national standards for inclusion.",
        "Who takes part in research and who is counted in health data: missing groups, data on "
        "ethnicity or gender, standards for inclusion.",
        "A person's own treatment with no link to research or data: use Prioritise holistic, "
        "person-centred care.",
        "Trials never include people like me, so nobody knows if the medicine works for us.",
    ),
    "community": (
        "Include communities in decision-making",
        "Nothing about us without us: lasting, funded policy built together with the people it "
        "affects, such as community members sitting on hospital boards.",
        "Patients and communities having a say in how services are planned and run: boards, "
        "consultations, policy made together.",
        "One person's choices about their own care: use Prioritise holistic, person-centred care.",
        "They changed the clinic hours without asking any of us who use it.",
    ),
    "person_centred": (
        "Prioritise holistic, person-centred care",
        "Giving professionals the time and means to understand each person's situation, the "
        "obstacles they face and what they prefer.",
        "How the person was treated in their own care: heard, judged, given time, welcomed, "
        "their situation understood.",
        "Training or policy in general, with no personal experience of care: use the theme it "
        "belongs to.",
        "The doctor asked what mattered to me before deciding anything.",
    ),
    "communication": (
        "Promote consistent, accessible communication",
        "Health literacy, materials everyone can use, clear public-health messages and trusted "
        "voices that counter misinformation.",
        "Health information and messages: clear words, languages, interpreters, accessible "
        "formats, trust in public-health messages, misinformation.",
        "Not being heard by a professional: use Prioritise holistic, person-centred care.",
        "The leaflet was full of words I did not understand.",
    ),
    "workforce": (
        "Health professionals for everyone",
        "Health careers open to people of every background, so that the workforce looks like the "
        "people it cares for.",
        "Who works in health care: recruitment, careers, professionals from every background.",
        "How one professional treated the person: use Prioritise holistic, person-centred care.",
        "We need more nurses from our own community.",
    ),
    "not_listened_to": (
        "Not listened to",
        "The person says a professional did not hear or believe what they said.",
        "Symptoms dismissed, being interrupted, concerns not written down or not acted on.",
        "Waiting times or rushed visits with no sign of being unheard: use Time with the "
        "professional.",
        "I told her three times that the pain was getting worse and she kept typing.",
    ),
    "judged": (
        "Judged or stereotyped",
        "The person was treated through a stereotype about who they are.",
        "Assumptions about drinking, drugs, pain tolerance, sexuality or culture.",
        "Rudeness with no link to who the person is: use Not welcome or unsafe.",
        "The first thing the doctor asked was whether I had been drinking.",
    ),
    "time_with_professional": (
        "Time with the professional",
        "The time a professional could give, too short or well used.",
        "Rushed appointments, no time to ask questions, or time that made a difference.",
        "Being ignored during a long visit: use Not listened to.",
        "Ten minutes, and half of it on the computer.",
    ),
    "not_welcome": (
        "Not welcome or unsafe",
        "The person felt unwelcome, unsafe or exposed in a care setting.",
        "Hostile reception, being misgendered, no privacy, fear of going back.",
        "A stereotype voiced about the person: use Judged or stereotyped.",
        "At reception they called out my old name in front of everyone.",
    ),
    "unconscious_bias": (
        "Unconscious bias",
        "Bias the professional may not be aware of, and training that addresses it.",
        "Unequal treatment described as unintentional; calls for bias training.",
        "Open, deliberate discrimination: use Judged or stereotyped.",
        "Even with the best intentions, they are not trained to think about trans patients.",
    ),
    "accessible_information": (
        "Accessible information",
        "Information the person could or could not understand or use.",
        "Jargon, no interpreter, no easy-read or accessible formats, clear explanations.",
        "Not being heard when speaking: use Not listened to.",
        "Nobody explained the letter, and it was only in English.",
    ),
    "representation": (
        "Carers who look like me",
        "Carers who share the person's background, language or life experience.",
        "Rarely or never seeing professionals who look or speak like them; wishing they did.",
        "Careers and recruitment in general with no personal experience of care.",
        "In twenty years I have seen one nurse who looks like me.",
    ),
}
