"""English labelled stories, written for Entendu's tests (fictional people, numbers and places).

Markup: ``{{LABEL|text}}`` marks a direct identifier (PERSON, EMAIL, PHONE, ADDRESS, ID); the
codes are the story's document-level codes (sub-codes imply their parent theme).
"""

STORIES_EN = [
    (
        ["person_centred", "judged", "education", "unconscious_bias"],
        "I was three months pregnant and vomiting blood. The first thing the doctor asked was "
        "whether I had been drinking. I am a Native American woman and I knew exactly what he "
        "assumed. Ten years later I still avoid doctors. My name is {{PERSON|Winona Redcloud}}.",
    ),
    (
        ["workforce", "representation", "person_centred"],
        "I have lived with type 1 diabetes since I was nine. I rarely see a nurse or doctor who "
        "looks like me. The kidney team at the Royal Free was different: they treated me as a "
        "whole person, and helped me through my dad's death.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "I told the GP three times that the pain was getting worse. She kept typing and said it "
        "was probably stress. Nobody listened until I collapsed at work. I'm "
        "{{PERSON|Aisha Mensah}}, you can call me on {{PHONE|07700 900461}}.",
    ),
    (
        ["education", "unconscious_bias"],
        "As a Black woman physician I know the data: my risk of dying from pregnancy "
        "complications is several times that of my white colleagues. Bias training cannot be a "
        "one-off webinar. Every clinician needs regular training on unconscious bias.",
    ),
    (
        ["communication", "accessible_information"],
        "My father only reads Punjabi. The hospital gave him discharge instructions in English "
        "and a leaflet full of medical jargon. Nobody offered an interpreter. My brother "
        "{{PERSON|Gurpreet}} had to translate everything over the phone.",
    ),
    (
        ["person_centred", "time_with_professional"],
        "Seven minutes. That is how long my appointment lasted. I have lupus, depression and two "
        "kids, and the consultant had no time to understand any of it. I felt rushed out of the "
        "room.",
    ),
    (
        ["community"],
        "Our tenants' association asked to sit on the hospital board's patient panel. Nothing "
        "about us without us. They agreed to one meeting a year. That is not partnership, that "
        "is a photo opportunity.",
    ),
    (
        ["research"],
        "The clinical trial for my heart medication enrolled almost no women over 65. My "
        "cardiologist admitted nobody knows the right dose for someone like me. We need "
        "research data that reflects the real population.",
    ),
    (
        ["person_centred", "not_welcome"],
        "When I walked into the clinic holding my partner's hand, the receptionist's face "
        "changed. She asked which one of us was the patient in a tone I will never forget. We "
        "did not feel welcome. Email me at {{EMAIL|jordan.ellis42@gmail.com}}.",
    ),
    (
        ["person_centred", "judged"],
        "Because I use a wheelchair the nurse spoke to my carer instead of me, as if I could not "
        "answer for myself. Then she assumed I was not sexually active. I felt judged and "
        "invisible.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "My daughter {{PERSON|Imani}} has sickle cell disease. In A&E they made her wait four "
        "hours for pain relief and suggested she was drug-seeking. They did not believe us. "
        "Dr {{PERSON|Whitfield}} finally listened.",
    ),
    (
        ["communication"],
        "During the pandemic our community heard more rumours from WhatsApp than facts from the "
        "health department. Trusted messengers, like our pastor and local nurses, did more "
        "against misinformation than any official campaign.",
    ),
    (
        ["education", "unconscious_bias"],
        "The dermatologist had never seen psoriasis on dark skin and missed it for two years. "
        "Medical textbooks still show white skin only. Training needs to cover every skin tone.",
    ),
    (
        ["person_centred", "time_with_professional", "communication", "accessible_information"],
        "I am 81 and the surgery now books appointments only through an app. I don't have a "
        "smartphone. When I finally saw Dr {{PERSON|Henderson}}, he was in a hurry and didn't "
        "explain my results in words I could understand.",
    ),
    (
        ["workforce"],
        "I wanted to become a doctor, but nobody from my estate had ever gone to medical school. "
        "Outreach, bursaries and mentoring for working-class students would open health careers "
        "to people like me.",
    ),
    (
        ["community"],
        "After the dialogue in Boston, the health system promised a community advisory board "
        "with real funding. Six months later the board exists and we vote on priorities. "
        "Contact {{PERSON|Marcus Bell}}, {{PHONE|(617) 555-0187}}.",
    ),
    (
        ["person_centred", "not_welcome"],
        "The security guard at the entrance asked for my immigration papers before I could see "
        "anyone. I was there with a feverish baby. I felt unsafe and unwelcome, and I left "
        "without being seen.",
    ),
    (
        ["research"],
        "There is almost no data on how many LGBTQ+ people get cancer screening, because forms "
        "never ask. Without consistent, transparent data on under-represented groups, the gaps "
        "stay invisible.",
    ),
    (
        ["person_centred", "not_listened_to", "judged"],
        "For eight years I was told my endometriosis pain was normal period pain, that I was "
        "anxious, that I should lose weight. No one took me seriously. I'm "
        "{{PERSON|Rebecca Thornton}}, {{ADDRESS|27 Marlowe Road, Leeds LS6 2QT}}.",
    ),
    (
        ["communication", "accessible_information"],
        "I am autistic and phone calls are very hard for me. The practice only takes "
        "appointments by phone. An online form or a text service would make the NHS accessible "
        "to people like me. My NHS number is {{ID|943 476 5919}}.",
    ),
    (
        ["workforce", "representation"],
        "The first time I had a Black midwife, I cried. She understood my hair, my family, my "
        "fears without me explaining. More staff who share our background would change so much.",
    ),
    (
        ["person_centred"],
        "Nurse {{PERSON|Adebayo}} on the renal ward asked about my job, my mother, what I was "
        "afraid of. She saw the whole person, not just the kidney. That is why I trust that "
        "team.",
    ),
    (
        ["education"],
        "Our hospital now runs active listening workshops for all residents. Dr "
        "{{PERSON|Priya Raman}}, who leads them, says complaints have dropped. This kind of "
        "training should be standard everywhere.",
    ),
    (
        ["person_centred", "judged"],
        "Every appointment becomes about my weight, whatever I came in for. The doctor lectured "
        "me instead of examining my knee. I felt shamed and stereotyped.",
    ),
    (
        ["community"],
        "We co-designed the new mental health service with young people from the neighbourhood. "
        "They chose the opening hours and the location. For the first time, the community was "
        "part of the decision-making.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "My mother, {{PERSON|Dorothy Kaplan}}, is 88. On the ward, staff discussed her care over "
        "her head and ignored her when she said she was in pain. Please write to "
        "{{EMAIL|kaplan.family@outlook.com}}.",
    ),
    (
        ["communication"],
        "I got my HIV diagnosis by voicemail. No explanation, no leaflet, no number to call. "
        "Clear communication is part of care, not an extra.",
    ),
    (
        ["research", "community"],
        "Researchers came to our reservation, took blood samples and left. We never saw the "
        "results. Communities should help design research and own their data.",
    ),
    (
        ["person_centred", "not_welcome"],
        "The waiting room had no space for my wheelchair and the toilet was not accessible. "
        "The receptionist said they were not set up for people like me. I have never felt so "
        "unwelcome.",
    ),
    (
        ["education", "unconscious_bias"],
        "The paramedic assumed I was drunk because I am Aboriginal and slurring. I was having a "
        "stroke. Unconscious bias nearly killed me. My partner {{PERSON|Liam O'Connell}} can "
        "confirm, {{PHONE|+61 412 345 678}}.",
    ),
    (
        ["workforce"],
        "As a healthcare assistant from a refugee background, I was told my qualifications did "
        "not count. Health careers must be open to people whatever their background, or the "
        "workforce will never look like the patients.",
    ),
    (
        ["person_centred", "time_with_professional"],
        "My psychiatrist sees me for ten minutes every three months and just renews the "
        "prescription. I need more time to talk about what is actually happening in my life.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "I'm {{PERSON|Kwame}}, I'm 70. I reported the side effects of my blood pressure tablets "
        "for months. The pharmacist and the doctor brushed me off until I ended up in hospital.",
    ),
    (
        ["communication", "accessible_information"],
        "I am blind. My test results arrive as scanned PDFs that my screen reader cannot read. "
        "I asked for an accessible format four times. My hospital number is "
        "{{ID|MRN-7730142}}.",
    ),
    (
        ["person_centred", "judged"],
        "When I said I was gay the nurse stopped touching me and put on a second pair of gloves. "
        "I felt judged and dirty. {{PERSON|Daniel Reyes}}, {{EMAIL|dreyes@fastmail.com}}.",
    ),
    (
        ["community"],
        "At the NACHW dialogue, community health workers told hospital leaders what they see "
        "every day. The leaders committed to funding community health worker seats on their "
        "planning committees.",
    ),
    (
        ["research"],
        "I was invited to join a study, but the consent form was twelve pages of dense English. "
        "Immigrants are shut out of research without anyone noticing. Inclusion standards "
        "should be national.",
    ),
    (
        ["person_centred", "not_welcome"],
        "My son is trans. The nurse called out his dead name across the waiting room. He felt "
        "humiliated and unsafe, and refused to go back. We live at "
        "{{ADDRESS|1142 Willow Creek Drive, Austin, TX 78704}}.",
    ),
    (
        ["education"],
        "I teach nursing students. I make them practise asking for pronouns and listening "
        "before deciding. Continuing education for every professional is how we rebuild trust.",
    ),
    (
        ["workforce", "representation"],
        "There is no doctor at our clinic who speaks Spanish. My grandmother "
        "{{PERSON|Guadalupe Morales}} understands half of what she is told. Carers who speak "
        "like us would already be a big step.",
    ),
    (
        ["person_centred"],
        "Dr {{PERSON|Okonkwo}} asked me what mattered to me, how I lived with my illness, what I "
        "preferred. Person-centred care, finally. {{PERSON|Okonkwo}} even remembered my "
        "daughter's name at the next visit.",
    ),
    (
        ["communication"],
        "Vaccine campaigns never speak to Traveller families. Nobody comes to explain. A health "
        "mediator from our own community would be trusted more than any poster.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "I had chest pain. The doctor said it was a panic attack without a single test. Two "
        "days later I had a heart attack. They didn't listen because I was a woman of forty.",
    ),
    (
        ["person_centred", "judged"],
        "I'm on methadone. As soon as the nurse read it in my notes, she treated me like a "
        "junkie looking for pills. Contempt. Call me at {{PHONE|+1 312 555 0164}}. "
        "{{PERSON|Tyrone Jackson}}.",
    ),
    (
        ["research"],
        "Health registries record neither disability nor ethnicity. How can we measure "
        "inequality without that data? We need standardised data collection on under-"
        "represented groups.",
    ),
    (
        ["education", "unconscious_bias"],
        "The doctor assumed my husband was abusive because I wear a hijab and had a bruise. He "
        "never asked, he assumed. My husband's name is {{PERSON|Tariq}}, and he has never hurt "
        "me. Those biases hurt.",
    ),
    (
        ["person_centred", "time_with_professional"],
        "In my aunt's care home the staff are run off their feet. Aunt {{PERSON|Evelyn}} "
        "sometimes waits an hour for help to the toilet. It is not their fault: there are not "
        "enough staff and no time.",
    ),
    (
        ["communication", "accessible_information"],
        "Appointment letters only come in English. My parents speak Portuguese. Translating "
        "essential information would change everything. My mother's phone is "
        "{{PHONE|+55 11 98765-4321}}.",
    ),
    (
        ["community"],
        "We are asking for the county health budget to be discussed with neighbourhood "
        "associations. Lasting, funded policy built with us, not for us.",
    ),
    (
        ["workforce"],
        "I'm a nurse with a disability. At interview I was told the ward was 'not suitable'. "
        "Health professions must be open to everyone, or teams will never look like the people "
        "they serve.",
    ),
    (
        ["person_centred", "not_welcome"],
        "I was homeless for a year. Every time I went to the emergency room they made me wait "
        "for hours and spoke to me with contempt. I never felt welcome there.",
    ),
    (
        ["person_centred", "not_listened_to"],
        "Nurse {{PERSON|Siobhan}} was the only one who listened to me. The doctors ignored what I "
        "said about my chronic pain. She wrote my words in the notes and everything changed.",
    ),
    (
        ["education", "person_centred"],
        "My GP, Dr {{PERSON|Helen Marsh}}, did a course on domestic violence. She knew which "
        "questions to ask and took her time. Train every doctor like her. My SSN for the "
        "referral was {{ID|078-05-1120}}, which they printed on the letter.",
    ),
    (
        ["research", "communication"],
        "I took part in a diabetes study and never received the results. Researchers should "
        "report back to participants in plain language. Contact me: "
        "{{EMAIL|t.nakamura@example.jp}} or {{PHONE|090-1234-5678}}.",
    ),
    (
        ["person_centred", "judged"],
        "At check-in they asked whether 'the father was around'. Single and Black, I felt the "
        "stereotype. You can reach {{PERSON|Keisha Brown}} on {{PHONE|020 7946 0321}}.",
    ),
    (
        ["workforce", "representation", "education"],
        "I am a junior doctor, the daughter of immigrant factory workers. Patients tell me they "
        "trust me because I look like them. We need more doctors like me, and training in "
        "diversity for all the others.",
    ),
    (
        ["person_centred"],
        "After my transplant, the team helped me return to work, spoke with my family and "
        "planned my medication around prayer times. Holistic, humane care. Thank you, Professor "
        "{{PERSON|Sarah Goldberg}}, and thank you {{PERSON|Miguel}} at "
        "{{ADDRESS|450 Brookline Avenue, Boston, MA 02215}}.",
    ),
]
