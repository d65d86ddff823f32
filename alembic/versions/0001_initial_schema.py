"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-29

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0001'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('acronym', sa.String(length=50), nullable=True),
    sa.Column('acronym_key', sa.String(length=50), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_campaigns_dates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaigns')),
    sa.UniqueConstraint('name_key', name=op.f('uq_campaigns_name_key'))
    )
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaigns_acronym_key'), ['acronym_key'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('venue', sa.String(length=300), nullable=True),
    sa.Column('city', sa.String(length=200), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("kind IN ('launch', 'meeting', 'workshop', 'conference', 'training', 'other')", name=op.f('ck_events_kind')),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_events_dates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_start_date'), ['start_date'], unique=False)

    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('acronym', sa.String(length=50), nullable=True),
    sa.Column('acronym_key', sa.String(length=50), nullable=True),
    sa.Column('sector', sa.String(length=32), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("sector IN ('un-agency', 'government', 'diplomatic-mission', 'donor', 'police', 'judiciary', 'ngo', 'civil-society', 'academia', 'media', 'private-sector', 'other')", name=op.f('ck_organizations_sector')),
    sa.ForeignKeyConstraint(['parent_id'], ['organizations.id'], name=op.f('fk_organizations_parent_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('name_key', name=op.f('uq_organizations_name_key'))
    )
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organizations_acronym_key'), ['acronym_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_parent_id'), ['parent_id'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('honorific', sa.String(length=50), nullable=True),
    sa.Column('title', sa.String(length=50), nullable=True),
    sa.Column('given_name', sa.String(length=200), nullable=True),
    sa.Column('family_name', sa.String(length=200), nullable=True),
    sa.Column('full_name', sa.String(length=400), nullable=False),
    sa.Column('name_key', sa.String(length=400), nullable=False),
    sa.Column('family_key', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('do_not_email', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('do_not_email_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('do_not_email_reason', sa.String(length=500), nullable=True),
    sa.Column('do_not_contact', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('do_not_contact_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('do_not_contact_reason', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_family_key'), ['family_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_name_key'), ['name_key'], unique=False)

    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name_key', name=op.f('uq_tags_name_key'))
    )
    op.create_table('affiliations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.String(length=300), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('is_primary', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR start_date IS NULL OR end_date >= start_date', name=op.f('ck_affiliations_dates')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_affiliations_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_affiliations_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_affiliations'))
    )
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_affiliations_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_affiliations_person_id'), ['person_id'], unique=False)

    op.create_table('attendances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('on_behalf_of_id', sa.Integer(), nullable=True),
    sa.Column('speaking_order', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("role IN ('speaker', 'presenter', 'moderator', 'organizer', 'attendee')", name=op.f('ck_attendances_role')),
    sa.CheckConstraint("status IN ('invited', 'registered', 'attended', 'no-show', 'declined', 'cancelled')", name=op.f('ck_attendances_status')),
    sa.CheckConstraint('on_behalf_of_id IS NULL OR on_behalf_of_id <> person_id', name=op.f('ck_attendances_not_on_behalf_of_self')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_attendances_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['on_behalf_of_id'], ['people.id'], name=op.f('fk_attendances_on_behalf_of_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_attendances_organization_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_attendances_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendances')),
    sa.UniqueConstraint('event_id', 'person_id', name='uq_attendances_event_person')
    )
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.create_index('ix_attendances_event_role_status', ['event_id', 'role', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendances_on_behalf_of_id'), ['on_behalf_of_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendances_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendances_person_id'), ['person_id'], unique=False)

    op.create_table('campaign_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("role IN ('funder', 'co-funder', 'implementing-partner', 'lead-agency', 'government-counterpart')", name=op.f('ck_campaign_partners_role')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_campaign_partners_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_campaign_partners_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_partners')),
    sa.UniqueConstraint('campaign_id', 'organization_id', 'role', name='uq_campaign_partners_campaign_org_role')
    )
    with op.batch_alter_table('campaign_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_partners_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_campaign_partners_organization_id'), ['organization_id'], unique=False)

    op.create_table('contact_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('value', sa.String(length=320), nullable=False),
    sa.Column('value_key', sa.String(length=320), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=True),
    sa.Column('is_primary', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("kind IN ('email', 'phone', 'website', 'social')", name=op.f('ck_contact_points_kind')),
    sa.CheckConstraint('(CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN campaign_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_contact_points_one_owner')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_contact_points_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_contact_points_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_contact_points_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_points'))
    )
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_points_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index('ix_contact_points_kind_value_key', ['kind', 'value_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_person_id'), ['person_id'], unique=False)

    op.create_table('event_campaigns',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_event_campaigns_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_campaigns_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'campaign_id', name=op.f('pk_event_campaigns'))
    )
    with op.batch_alter_table('event_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_campaigns_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('event_sectors',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('sector', sa.String(length=32), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("sector IN ('un-agency', 'government', 'diplomatic-mission', 'donor', 'police', 'judiciary', 'ngo', 'civil-society', 'academia', 'media', 'private-sector', 'other')", name=op.f('ck_event_sectors_sector')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_sectors_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'sector', name=op.f('pk_event_sectors'))
    )
    op.create_table('organization_tags',
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_organization_tags_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_organization_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organization_id', 'tag_id', name=op.f('pk_organization_tags'))
    )
    with op.batch_alter_table('organization_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_tags_tag_id'), ['tag_id'], unique=False)

    op.create_table('person_tags',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_tags_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_person_tags_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'tag_id', name=op.f('pk_person_tags'))
    )
    with op.batch_alter_table('person_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_tags_tag_id'), ['tag_id'], unique=False)

    op.create_table('statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('text_key', sa.Text(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("kind IN ('verbatim', 'summary')", name=op.f('ck_statements_kind')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_statements_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_statements_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statements'))
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index('ix_statements_event_person', ['event_id', 'person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_person_id'), ['person_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statements_person_id'))
        batch_op.drop_index('ix_statements_event_person')

    op.drop_table('statements')
    with op.batch_alter_table('person_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_tags_tag_id'))

    op.drop_table('person_tags')
    with op.batch_alter_table('organization_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_tags_tag_id'))

    op.drop_table('organization_tags')
    op.drop_table('event_sectors')
    with op.batch_alter_table('event_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_campaigns_campaign_id'))

    op.drop_table('event_campaigns')
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_points_person_id'))
        batch_op.drop_index(batch_op.f('ix_contact_points_organization_id'))
        batch_op.drop_index('ix_contact_points_kind_value_key')
        batch_op.drop_index(batch_op.f('ix_contact_points_campaign_id'))

    op.drop_table('contact_points')
    with op.batch_alter_table('campaign_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_partners_organization_id'))
        batch_op.drop_index(batch_op.f('ix_campaign_partners_campaign_id'))

    op.drop_table('campaign_partners')
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendances_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendances_organization_id'))
        batch_op.drop_index(batch_op.f('ix_attendances_on_behalf_of_id'))
        batch_op.drop_index('ix_attendances_event_role_status')

    op.drop_table('attendances')
    with op.batch_alter_table('affiliations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_affiliations_person_id'))
        batch_op.drop_index(batch_op.f('ix_affiliations_organization_id'))

    op.drop_table('affiliations')
    op.drop_table('tags')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_name_key'))
        batch_op.drop_index(batch_op.f('ix_people_family_key'))

    op.drop_table('people')
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organizations_parent_id'))
        batch_op.drop_index(batch_op.f('ix_organizations_country'))
        batch_op.drop_index(batch_op.f('ix_organizations_acronym_key'))

    op.drop_table('organizations')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_start_date'))
        batch_op.drop_index(batch_op.f('ix_events_name_key'))
        batch_op.drop_index(batch_op.f('ix_events_country'))

    op.drop_table('events')
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaigns_acronym_key'))

    op.drop_table('campaigns')
