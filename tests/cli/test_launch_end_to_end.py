"""The whole press-release launch recorded through the command line alone gives the same
reports as the seed file loaded directly: every organization, person, position, campaign,
partner, attendance, representation, speaking order and statement went through a command."""

from __future__ import annotations

import json
import tomllib

from stakeholders.migrations import seeds_location
from tests.cli.helpers import added_id
from tests.conftest import Cli


def _seed() -> dict:
    with open(seeds_location() / "glo-act-launch-2017.toml", "rb") as f:
        return tomllib.load(f)


def _options(pairs: dict[str, object]) -> list[str]:
    args: list[str] = []
    for option, value in pairs.items():
        if value is None:
            continue
        for v in value if isinstance(value, list) else [value]:
            args += [option, str(v)]
    return args


def record_launch(cli: Cli) -> None:
    seed = _seed()
    for org in seed["organizations"]:
        added_id(cli, "org", "add", org["name"], *_options({
            "--acronym": org.get("acronym"), "--sector": org.get("sector"),
            "--country": org.get("country"), "--parent": org.get("parent")}))
    for person in seed["people"]:
        first, *others = person["affiliations"]
        added_id(cli, "person", "add", person["name"], *_options({
            "--org": first["organization"], "--position": first["position"],
            "--email": person.get("emails", [])}))
        for extra in others:
            cli.ok("person", "affiliate", person["name"], extra["organization"],
                   "--position", extra["position"])
    for campaign in seed["campaigns"]:
        added_id(cli, "campaign", "add", campaign["name"], *_options({
            "--acronym": campaign.get("acronym"), "--description": campaign.get("description"),
            "--handle": campaign.get("handles", [])}))
        for partner in campaign["partners"]:
            cli.ok("campaign", "partner", campaign["name"], partner["organization"],
                   "--role", partner["role"])
    for event in seed["events"]:
        event_id = added_id(cli, "event", "add", event["name"], *_options({
            "--date": event["date"].isoformat(), "--kind": event["kind"],
            "--city": event["city"], "--country": event["country"],
            "--campaign": event["campaigns"],
            "--sector-present": [s["sector"] for s in event["sectors_present"]]}))
        for a in event["attendances"]:
            cli.ok("attendance", "add", str(event_id), a["person"], *_options({
                "--role": a["role"], "--org": a["organization"], "--order": a["order"],
                "--on-behalf-of": a.get("on_behalf_of"), "--note": a.get("notes")}))
            for statement in a["statements"]:
                cli.ok("attendance", "edit", str(event_id), a["person"],
                       "--quote", statement["text"])


def _report(cli: Cli, *args: str) -> object:
    return json.loads(cli.ok("report", *args, "--format", "json").stdout)


def _without_ids(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items()
                if not (k == "id" or k.endswith("_id")) and k not in ("description",)}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_the_launch_recorded_by_commands_matches_the_seed(cli, seeded_cli):
    record_launch(cli)
    event = "GLO.ACT launch, Islamabad"
    attendees, expected = _report(cli, "attendees", event), _report(seeded_cli, "attendees", event)
    assert _without_ids(attendees["attendees"]) == _without_ids(expected["attendees"])
    assert attendees["attended_by_sector"] == expected["attended_by_sector"]
    speakers = _report(cli, "speakers", "--event", event)
    expected_speakers = _report(seeded_cli, "speakers", "--event", event)
    strip = lambda rows: [  # noqa: E731 - commands record every statement as verbatim
        {k: v for k, v in r.items() if k != "statements"} for r in _without_ids(rows)]
    assert strip(speakers["speakers"]) == strip(expected_speakers["speakers"])
    unquoted = lambda rows: [[s.strip("“”") for s in r["statements"]] for r in rows]  # noqa: E731
    assert unquoted(speakers["speakers"]) == unquoted(expected_speakers["speakers"])
    campaign = _report(cli, "campaign", "GLO.ACT")
    assert _without_ids(campaign["partners"]) == _without_ids(
        _report(seeded_cli, "campaign", "GLO.ACT")["partners"])
