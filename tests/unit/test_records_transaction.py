"""A write transaction whose COMMIT fails reports the failure itself: on a full disk SQLite may
end the transaction as the COMMIT fails, and the ROLLBACK that follows must not replace the
clear error ("cannot write the records file (database or disk is full)") with "cannot rollback
- no transaction is active"."""

from __future__ import annotations

import sqlite3

import pytest

from ingest.records import RecordsError, _Transaction


class _CommitEndsTransaction:
    """A connection double whose COMMIT fails after ending the transaction, as SQLite does when
    a full disk aborts it; a ROLLBACK outside a transaction raises, as SQLite's does."""

    def __init__(self) -> None:
        self.in_transaction = False
        self.statements: list[str] = []

    def execute(self, sql: str) -> None:
        self.statements.append(sql)
        if sql == "BEGIN IMMEDIATE":
            self.in_transaction = True
        elif sql == "COMMIT":
            self.in_transaction = False
            raise sqlite3.OperationalError("database or disk is full")
        elif sql == "ROLLBACK":
            if not self.in_transaction:
                raise sqlite3.OperationalError("cannot rollback - no transaction is active")
            self.in_transaction = False


def test_a_failed_commit_names_its_own_cause() -> None:
    db = _CommitEndsTransaction()
    with pytest.raises(RecordsError, match="disk is full"), _Transaction(db):  # type: ignore[arg-type]
        pass
    assert db.statements == ["BEGIN IMMEDIATE", "COMMIT"]


def test_an_error_inside_the_block_still_rolls_back() -> None:
    db = _CommitEndsTransaction()
    with pytest.raises(RecordsError, match="no such table"), _Transaction(db):  # type: ignore[arg-type]
        raise sqlite3.OperationalError("no such table: chunks")
    assert db.statements == ["BEGIN IMMEDIATE", "ROLLBACK"] and not db.in_transaction
