"""The ways to play a scenario: as the doctor, as the patient, or as a pair at one screen.

A module of its own so that the command line can offer them without importing the engine."""

MODES = ("doctor", "patient", "pair")
