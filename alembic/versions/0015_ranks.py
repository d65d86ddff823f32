"""ranks: "Brig. (R)", "Lt Col", "DIG"… before a name are honorifics, not part of the name

The name parser now knows military and police ranks, and the "(R)" or "(Retd.)" of a retired
officer after one ("Brig. (R) Asif Ali", "Lt Col Sara Khan", "Air Marshal Faisal Butt", "DIG
Ahmed Raza", "Justice (R) Nasir Zahid"). A person recorded before with one in front of their
name gets it as their honorific, as someone added now does: the name as written loses it
(it is still shown, before the name), and where the rank had been read as a given name
("DIG Ahmed", "Marshal Faisal") the keys are made again, so that "Ahmed Raza" finds him and
the duplicate finder pairs him with a record written without the rank. "Col. (R)" and
"Gen. (R)", whose rank was already the honorific, get the "(R)" beside it. A name that is only
a rank is left alone, as is an honorific or title that would not fit its column.

A family name with particles written alone ("Mr. van der Berg", "Van der Berg") was split
into the given name "van" and the family name "der Berg"; it is now one family name, and
such records recorded before are made so.

The downgrade leaves the names as they are: the earlier version shows them the same way
(honorific, title, then the name) and finds them by the name typed with the rank too.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01

"""
import re
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from stakeholders.text import fold


revision: str = '0015'
down_revision: Union[str, None] = '0014'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

#: The ranks this revision teaches the parser (stakeholders.names.RANKS), compared as there:
#: folded, without full stops, a word at a time.
RANKS = (
    'Field Marshal', 'General', 'Gen.', 'Lt. Gen.', 'Lieutenant General', 'Maj. Gen.',
    'Major General', 'Brig. Gen.', 'Brigadier General', 'Brig.', 'Brigadier', 'Col.',
    'Colonel', 'Lt. Col.', 'Lieutenant Colonel', 'Maj.', 'Major', 'Capt.', 'Captain', 'Lt.',
    'Lieutenant', 'Admiral', 'Adm.', 'Vice Admiral', 'Vice Adm.', 'Rear Admiral', 'Rear Adm.',
    'Commodore', 'Cdre.', 'Commander', 'Cdr.', 'Lt. Cdr.', 'Lieutenant Commander',
    'Air Chief Marshal', 'Air Marshal', 'Air Vice Marshal', 'Air Commodore', 'Air Cdre.',
    'Group Captain', 'Gp. Capt.', 'Wing Commander', 'Wg. Cdr.', 'Squadron Leader',
    'Sqn. Ldr.', 'Flight Lieutenant', 'Flt. Lt.', 'Inspector General', 'Inspector',
    'Sub-Inspector',
)
#: Police ranks, taken only in capitals (stakeholders.names.POLICE_RANKS).
POLICE_RANKS = ('IGP', 'DIG', 'AIG', 'SSP', 'DSP')
#: A retired officer's mark after a rank.
RETIRED = re.compile(r'\((?:r|retd|rtd|retired)\.?\)|(?:retd|rtd)\.?|retired', re.I)
#: Honorifics a retired mark may follow, and titles that may follow a rank ("Brig. Dr."), as
#: the parser knew them before this revision.
HONORIFICS = {'col', 'gen', 'justice'}
TITLES = {'mr', 'ms', 'mrs', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'begum',
          'mohtarma', 'janab', 'mst', 'engr', 'shri', 'smt'}
#: How long an honorific and a title may be (people.honorific, people.title).
LENGTH = 50


def _key(words) -> str:
    return ' '.join(fold(w).replace('.', '') for w in words)


KNOWN = {_key(r.split()) for r in RANKS}
LONGEST = max(len(r.split()) for r in RANKS)


def upgrade() -> None:
    bind = op.get_bind()
    firsts = sorted({_key(r.split()[:1]) for r in RANKS} | {'(', 'retd', 'rtd', 'retired'}
                    | {p.lower() for p in POLICE_RANKS})
    where = ' OR '.join(f'lower(full_name) LIKE :w{i}' for i in range(len(firsts)))
    rows = bind.execute(
        sa.text(f'SELECT id, honorific, title, given_name, family_name, full_name FROM people '
                f'WHERE {where}'),
        {f'w{i}': f'{w}%' for i, w in enumerate(firsts)}).mappings().all()
    changed = [{**names, 'id': row['id']} for row in rows
               if (names := _resplit(row)) is not None]
    if changed:  # one executemany
        bind.execute(sa.text('UPDATE people SET honorific = :honorific, title = :title, '
                             'given_name = :given_name, full_name = :full_name, '
                             'name_key = :name_key, family_key = :family_key '
                             'WHERE id = :id'), changed)
    _join_particles(bind)


#: Particles of family names (as nameparser's) that were taken for a given name.
PARTICLES = {'van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'di', 'du', 'la', 'le',
             'los', 'las', 'dos', 'das', 'bin', 'bint', 'ibn', 'al', 'el', 'ter', 'ten', 'zu'}


def _join_particles(bind) -> None:
    """"van" + "der Berg" as the family name "van der Berg", with its key."""
    where = ' OR '.join(f'lower(given_name) = :p{i}' for i in range(len(PARTICLES)))
    rows = bind.execute(
        sa.text(f'SELECT id, given_name, family_name FROM people WHERE family_name IS NOT NULL '
                f'AND ({where})'),
        {f'p{i}': p for i, p in enumerate(sorted(PARTICLES))}).mappings().all()
    joined = [{'id': row['id'], 'family_name': family, 'family_key': fold(family)}
              for row in rows
              if row['given_name'][:1].islower()
              or row['family_name'].split()[0].casefold() in PARTICLES
              for family in [f"{row['given_name']} {row['family_name']}"]]
    if joined:
        bind.execute(sa.text('UPDATE people SET given_name = NULL, family_name = :family_name, '
                             'family_key = :family_key WHERE id = :id'), joined)


def downgrade() -> None:
    pass


def _rank_at(words: list[str], i: int) -> int:
    """How many words from the ``i``-th make a rank (the longest), or 0."""
    if words[i] in POLICE_RANKS:
        return 1
    for n in range(min(LONGEST, len(words) - i), 0, -1):
        if _key(words[i:i + n]) in KNOWN and not (
                n == 1 and _key(words[i:i + 1]) == 'gen' and not words[i].endswith('.')):
            return n
    return 0


def _resplit(row) -> dict | None:
    """The row's name with the ranks (and titles after them) written before it moved to its
    honorific and title, or None to leave it."""
    words = row['full_name'].split()
    honorifics = [row['honorific']] if row['honorific'] else []
    titles = [row['title']] if row['title'] else []
    i = 0
    # a retired mark left before the name by an honorific already taken ("Col." "(R) Ali")
    retiring = bool(honorifics) and _key(honorifics[-1].split()[-1:]) in HONORIFICS | KNOWN
    while i < len(words):
        if retiring and RETIRED.fullmatch(words[i]):
            honorifics[-1] = f'{honorifics[-1]} {words[i]}'
            i += 1
        elif n := _rank_at(words, i):
            honorifics.append(' '.join(words[i:i + n]))
            i += n
            retiring = True
        elif i and _key(words[i:i + 1]) in TITLES:  # "Brig. Dr. Asif Ali"
            titles.append(words[i])
            i += 1
            retiring = False
        else:
            break
    if not i or i == len(words):
        return None
    honorific, title = ' '.join(honorifics), ' '.join(titles) or None
    if len(honorific) > LENGTH or (title and len(title) > LENGTH):
        return None
    taken = {_key([w]) for w in words[:i]}
    given_words = (row['given_name'] or '').split()
    while given_words and _key(given_words[:1]) in taken:  # "DIG Ahmed", "Marshal Faisal"
        given_words.pop(0)
    given, family = ' '.join(given_words) or None, row['family_name']
    if given is None and not family:
        return None
    full_name = ' '.join(words[i:])
    core = ' '.join(p for p in (given, family) if p)
    return {'honorific': honorific, 'title': title, 'given_name': given,
            'full_name': full_name, 'name_key': fold(core or full_name),
            'family_key': fold(family) or None}
