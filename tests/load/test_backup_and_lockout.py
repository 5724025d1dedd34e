"""Operations under load: an online backup, and the admin's sign-in lockout."""

import sqlite3
import subprocess
import threading

import pytest
from django.conf import settings

from tests.conftest import TEST_TOTP_SECRET, current_code
from tests.load.client import HIDDEN_INPUT_RE, Visitor
from tests.load.test_inquiries_under_load import (
    inquiry_count,
    ready_visitors,
    submit_all,
)

pytestmark = pytest.mark.django_db

STAFF_PASSWORD = "a-correct-horse-battery-staple-0451"


def test_an_online_backup_taken_during_submissions_is_intact_and_restores(
    site, tmp_path
):
    visitors = ready_visitors(site, first=3000, count=60)
    backup = tmp_path / ("backup.dump" if site.pg_database else "backup.sqlite3")
    submitting = threading.Thread(target=submit_all, args=(visitors, 3000))

    submitting.start()
    result = site.manage("backup_database", "--output", str(backup), check=False)
    submitting.join()

    assert result.returncode == 0, result.stderr
    assert backup.stat().st_size > 0
    if site.pg_database:
        restored = restore_postgresql(site, backup)
        assert 0 < restored <= inquiry_count(site)
        return
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()
    restored = site.manage("migrate", "--check", SQLITE_PATH=str(backup), check=False)
    assert restored.returncode == 0, restored.stdout + restored.stderr


def restore_postgresql(site, dump) -> int:
    import psycopg

    name = site.pg_database + "_restored"
    with site._admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = site.env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={url}", str(dump)], check=True
        )
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT COUNT(*) FROM contact_inquiry").fetchone()[0]
    finally:
        with site._admin_connection() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sign_in(visitor: Visitor, password: str, code: str = "", connection=None):
    form = visitor.get("/admin/login/")
    hidden = dict(HIDDEN_INPUT_RE.findall(form.text))
    return visitor.post(
        "/admin/login/?next=/admin/",
        {
            **hidden,
            "username": "staff-lockout",
            "password": password,
            "otp_token": code,
        },
        connection=connection,
    )


def test_repeated_wrong_passwords_lock_the_address_across_workers(site):
    site.manage(
        "create_staff_user",
        "staff-lockout",
        "--role",
        "sales",
        "--password",
        STAFF_PASSWORD,
        "--totp-secret",
        TEST_TOTP_SECRET,
    )
    attacker = Visitor(site.base_url, source="127.0.7.1")

    first, second = attacker.connections_to_two_workers()
    failures = [
        sign_in(attacker, "wrong password", connection=first),
        sign_in(attacker, "wrong password", connection=second),
        *(sign_in(attacker, "wrong password") for _ in range(18)),
    ]
    with_the_right_password = sign_in(attacker, STAFF_PASSWORD, current_code())
    colleague = sign_in(
        Visitor(site.base_url, source="127.0.7.2"), STAFF_PASSWORD, current_code()
    )

    limit = settings.AXES_FAILURE_LIMIT
    assert [r.status for r in failures[: limit - 1]] == [200] * (limit - 1)
    assert b"password or one-time code is not right" in failures[0].body
    assert {r.status for r in failures[limit:]} == {429}
    assert with_the_right_password.status == 429
    assert b"Sign-in is temporarily locked" in with_the_right_password.body
    assert b"locked for 15 minutes" in with_the_right_password.body
    assert colleague.status == 302
    assert colleague.headers["Location"] == "/admin/"
    served_by = {
        line.rsplit("pid=", 1)[1]
        for line in site.access_log_lines()
        if line.startswith("127.0.7.1 ") and '"POST /admin/login/' in line
    }
    assert len(served_by) >= 2, "every attempt landed on one worker"
