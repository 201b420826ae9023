"""Helpers for the journal tests: sample entries of every kind and a snapshot of the files."""

from __future__ import annotations

from pathlib import Path

from kfcourse.journal import JournalStore, entries

FIXTURES = Path(__file__).parent / "fixtures"
V0_FIXTURE = FIXTURES / "journal-v0.json"


def sample_entries() -> list[dict]:
    """One entry of each kind, with learner text that looks like markup."""
    return [
        entries.roleplay(
            "discharge-delays",
            "sha256:" + "ab" * 32,
            "doctor",
            [
                {"point": "A1", "choice": "share-data", "actor": "doctor",
                 "measures": {"power": 2, "trust": 3}},
                {"point": "A2", "choice": "hold-back", "actor": "patient", "by_rule": True,
                 "measures": {"power": 2, "trust": 2}},
            ],
            measures_start={"power": 1, "trust": 3},
            measures_end={"power": 2, "trust": 2},
            ending="impasse",
            completed=True,
        ),
        entries.reflection(
            model="gibbs",
            variant="patient",
            stages={"description": "I asked to <b>decide</b>, not *comment*.",
                    "feelings": "# Tolerated\n\n- not heard", "action_plan": "Ask for payment."},
        ),
        entries.reflection(model="free", prompt="Who led?", text="=SUM(A1) <script>x</script>"),
        entries.self_rating("trust-check", {"ability-1": 3, "integrity-1": None},
                            moment="before", scale=(1, 5)),
        entries.self_rating("trust-check", {"ability-1": 4, "integrity-1": 5}, moment="after"),
        entries.exercise_answer("ch01-who-leads", {"mismatch": "bed manager [x](y)"},
                                question="One mismatch?"),
    ]  # fmt: skip


def files_snapshot(store: JournalStore) -> dict[str, bytes]:
    """The bytes of every file of the journal (and its backups) in its folder."""
    folder = store.path.parent
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != store.lock_path.name
    }
