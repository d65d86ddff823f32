"""The launch of the press release, recorded the way an officer would: the organizations and
people through the services (their commands are not under test here), then the campaigns,
the event and the attendances through the command line alone."""

from __future__ import annotations

from stakeholders.migrations import seeds_location
from stakeholders.services import seed

from tests.conftest import Cli

GLO_ACT = "Global Action to Prevent and Address Trafficking in Persons and the Smuggling of Migrants"
AWARENESS = "Public Awareness Campaign against human trafficking and migrant smuggling"
LAUNCH = "GLO.ACT launch, Islamabad"

#: (person, organization, role, order, on behalf of, quotes), as the press release tells it.
SPEAKERS = [
    ("Mr. Cesar Guedes", "UNODC", "speaker", 1, None, [
        "there is a need to mobilize all the relevant stakeholders to transform institutions"]),
    ("Muhammad Shifaque", "FIA", "speaker", 2, None, [
        "it is crucial to have governments and civil society work in close partnership"]),
    ("Nicole Guihot", "Australian High Commission", "speaker", 3, "H.E. Margaret Adamson", [
        "Australia is a regional leader in efforts to stop people smuggling"]),
    ("H. E. Mr. David Hale", "Embassy of the United States", "speaker", 4, None, [
        "success will require partnerships among governments"]),
    ("jean-francois cautain", "EU", "speaker", 5, None, [
        "The fight against Trafficking in Persons and Smuggling of Migrants will only succeed"]),
    ("Margaret Akullo", "UNODC", "speaker", 6, None, []),
    ("Junaid Khan", "IOM", "presenter", 7, None, []),
    ("Sarah Coleman", "UNICEF", "presenter", 8, None, []),
]


def add_people_and_organizations(url: str) -> None:
    """The seed's organizations and people (with affiliations), nothing else."""
    from stakeholders.db import session_scope

    data = seed.read(seeds_location() / "glo-act-launch-2017.toml")
    with session_scope(url) as s:
        seed.load(s, {"organizations": data["organizations"], "people": data["people"]})


def record_campaigns(cli: Cli) -> tuple[str, str]:
    glo = cli.ok("campaign", "add", GLO_ACT, "--acronym", "GLO.ACT", "--start", "2016-01-01",
                 "--end", "2019-12-31", "--handle", "@glo_act", "--description",
                 "A four-year joint initiative by the European Union and UNODC.").stdout.strip()
    for org, role in (("EU", "funder"), ("UNODC", "lead-agency"),
                      ("IOM", "implementing-partner"), ("UNICEF", "implementing-partner")):
        cli.ok("campaign", "partner", "GLO.ACT", org, "--role", role)
    awareness = cli.ok("campaign", "add", AWARENESS).stdout.strip()
    for org in ("Australian Government Department of Immigration and Border Protection",
                "United States Department of State"):
        cli.ok("campaign", "partner", awareness, org, "--role", "co-funder")
    return glo, awareness


def record_event(cli: Cli) -> str:
    return cli.ok(
        "event", "add", LAUNCH, "--date", "2017-07-19", "--kind", "launch",
        "--city", "Islamabad", "--country", "Pakistan", "--campaign", "glo.act",
        "--campaign", AWARENESS, "--sector-present", "diplomatic-mission",
        "--sector-present", "media", "--sector-present", "civil-society",
    ).stdout.strip()


def record_attendances(cli: Cli, event: str) -> None:
    for person, org, role, order, proxy, quotes in SPEAKERS:
        args = ["attendance", "add", event, person, "--org", org, "--role", role,
                "--order", str(order)]
        if proxy:
            args += ["--on-behalf-of", proxy]
        for q in quotes:
            args += ["--quote", q]
        cli.ok(*args)


def record_launch(cli: Cli) -> str:
    """Everything; returns the event id."""
    add_people_and_organizations(cli.url)
    record_campaigns(cli)
    event = record_event(cli)
    record_attendances(cli, event)
    return event
