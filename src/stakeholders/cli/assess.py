"""``assess``: record how a person or organization stands towards a campaign."""

from typing import Annotated, Optional

import typer

from stakeholders.cli import options as opt
from stakeholders.cli.common import new_id, one_of, session


def assess(
    ctx: typer.Context,
    person: Annotated[Optional[str], opt.reference_argument(
        "The person assessed (or use --org).", what=opt.ID_EMAIL_OR_NAME)] = None,
    org: Annotated[Optional[str], opt.reference_option(
        "--org", help="The organization assessed.")] = None,
    campaign: Annotated[str, opt.reference_option("--campaign", metavar="CAMPAIGN",
                                                  help="The campaign.",
                                                  show_default=False)] = ...,
    influence: Annotated[int, typer.Option("--influence", metavar="1-5", show_default=False,
                                           help="How much they can sway the campaign.")] = ...,
    interest: Annotated[int, typer.Option("--interest", metavar="1-5", show_default=False,
                                          help="How much they care about it.")] = ...,
    stance: Annotated[Optional[str], typer.Option(
        "--stance", metavar="STANCE", show_default=False,
        help="supportive, neutral, opposed or unknown (default: as the assessment it follows, "
             "else unknown).")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why.")] = None,
    on: Annotated[Optional[str], typer.Option("--date", help="Date of the assessment "
                                              "(default: today; not later).")] = None,
) -> None:
    """Assess a stakeholder's influence and interest (1–5) for a campaign; history is kept.

    \b
    Example: stakeholders assess "Cesar Guedes" --campaign GLO.ACT --influence 5 --interest 4 --stance supportive
    """
    one_of(ctx, {"PERSON": person is not None, "--org": org is not None}, needed=True)
    from stakeholders.clock import today
    from stakeholders.services import assessments

    with session(ctx, write=True) as s:
        ident = assessments.assess(
            s, campaign=campaign, person=person, org=org, influence=influence,
            interest=interest, stance=stance, note=note, on=today() if on is None else on).id
    new_id(ident, f"Recorded assessment #{ident}")


def register(app: typer.Typer) -> None:
    app.command()(assess)
