"""The commented starter file written by ``kfcourse new-scenario ID``: no errors, and a warning
(SC125) at each TODO until the author replaces it."""

from __future__ import annotations

import re
from string import Template

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

STARTER = Template("""\
# A Leading Together role-play scenario. Check it with:  kfcourse check $path
# Play it without a screen:  kfcourse play $path --as doctor --choose 1,1,1
# The format is described in the book: For instructors > Writing a scenario.
# Editors that read JSON Schema can validate this file against
# kfcourse/scenario/schema/scenario.schema.json.
format: 1
id: $id                     # lower-case letters, digits and hyphens
title: "TODO: a title learners will see"
version: 1                  # raise by one when choices, effects or routes change
summary: "TODO: one or two sentences on what the partnership works on."
content_note: "TODO: anything that may be hard for some learners (e.g. a delayed diagnosis)."
setting: "TODO: where and when. Label invented figures as invented."
problem: "TODO: the shared quality problem (about services and processes, never a clinical
  decision about one person)."
sources: [seale2016patients]    # BibTeX keys in references.bib

# Leave `measures` out to get the defaults: power balance (P), trust (T) and shared
# understanding (U), each from -10 to 10 starting at 0. Declare them to change start values.
measures:
  P: {name: Power balance, min: -10, max: 10, start: -2, low: very unequal, high: balanced}
  T: {name: Trust, min: -10, max: 10, start: 0, low: low, high: high}
  U: {name: Shared understanding, min: -10, max: 10, start: 0, low: low, high: high}

roles:
  doctor:
    name: "Dr Sam Okafor"            # names are placeholders
    title: "TODO: the clinician's role"
    brief: "TODO: what the player of the doctor reads first."
    goals: ["TODO: what the doctor wants"]
    private: ["TODO: something only the doctor's player sees until the debrief"]
    pressures: ["TODO: a constraint the doctor works under"]
  patient:
    name: "Alex Morgan"
    title: "TODO: the patient partner's role"
    brief: "TODO: what the player of the patient partner reads first."
    goals: ["TODO: what the patient partner wants"]
    private: ["TODO: something only the patient partner's player sees"]
    pressures: ["TODO: a constraint the patient partner works under"]

start: first-meeting

points:
  first-meeting:
    actor: doctor                    # doctor, patient or joint
    prompt:                          # the situation as each role sees it
      doctor: "TODO: what the doctor must decide."
      patient: "TODO: what the patient partner sees while the doctor decides."
    theory: [arnstein1969ladder]     # keys for every choice here
    choices:                         # shown numbered from 1, in this order
      - id: a
        text: "TODO: set the agenda alone."
        effects: {P: -1, T: -1, U: 0}
        why: "TODO: the rationale, tied to theory."
      - id: b
        text: "TODO: agree the agenda together."
        effects: {P: 1, T: 1, U: 1}
        why: "TODO: the rationale, tied to theory."
    next:                            # first branch whose `when` holds; last has no `when`
      - {when: {T: "<= -1"}, to: repair}
      - {to: choose-a-test}
    rules:                           # how the doctor chooses when the learner plays the patient
      - {when: {T: "< 0"}, choose: a}
      - {choose: b}

  repair:
    actor: patient
    prompt:
      doctor: "TODO: the patient partner raises how the first meeting felt."
      patient: "TODO: trust has fallen. What do you say?"
    theory: [mayer1995integrative]
    choices:
      - id: a
        text: "TODO: name the problem and ask to set the agenda together."
        effects: {P: 1, T: 1, U: 1}
        why: "TODO: the rationale."
      - id: b
        text: "TODO: say nothing for now."
        effects: {P: 0, T: -1, U: 0}
        why: "TODO: the rationale."
    next: choose-a-test
    rules:                           # low trust: the patient partner holds back
      - {when: {T: "<= -2"}, choose: b}
      - {choose: a}

  choose-a-test:
    actor: joint                     # both must agree
    prompt:
      doctor: "TODO: the pair choose a first small test of change."
      patient: "TODO: the pair choose a first small test of change."
    theory: [vangen2003nurturing]
    choices:
      - id: a
        text: "TODO: the organisation's measure."
        effects: {P: -1, T: 0, U: 0}
        why: "TODO: the rationale."
      - id: b
        text: "TODO: a modest aim both value."
        effects: {P: 1, T: 1, U: 2}
        why: "TODO: the rationale."
    next:
      - {when: {T: ">= 1", U: ">= 1"}, to: shared-gains}
      - {to: partial-gains}
    rules:                           # each role's preference when the learner plays the other
      - {role: doctor, when: {P: "<= -3"}, choose: a}
      - {role: doctor, choose: b}
      - {role: patient, choose: b}
    impasse:                         # what happens when the partners choose differently
      effects: {T: -1}
      prompt: "TODO: you chose differently. Name the difference in your aims, then try again."
      next:                          # a second impasse moves on, so play cannot loop for ever
        - {when: {visits: {choose-a-test: ">= 2"}}, to: partial-gains}
        - {to: choose-a-test}

endings:
  shared-gains:
    title: "TODO: what a working partnership achieved"
    text: "TODO: what happened."
    achieved: "TODO: what the partnership achieved."
  partial-gains:
    title: "TODO: what a strained partnership achieved"
    text: "TODO: what happened."
    achieved: "TODO: what it achieved, and what it did not."

debrief:
  - text: "TODO: a point for the debrief."
    points: [first-meeting]
    theory: [arnstein1969ladder]

author_notes:
  - "TODO: accuracy checks for reviewers (never shown during play)."
""")


def starter_text(scenario_id: str, path: str) -> str:
    """The starter file for ``scenario_id``, with ``path`` in its usage comments."""
    if not ID_PATTERN.match(scenario_id):
        raise ValueError(
            f"{scenario_id!r} is not a valid id: use lower-case letters, digits "
            "and hyphens, starting with a letter or digit"
        )
    return STARTER.substitute(id=scenario_id, path=path)
