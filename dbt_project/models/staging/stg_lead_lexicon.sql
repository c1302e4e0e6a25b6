-- The lead lexicon as the marts read it. Phrases are stored canonical (lower case, single spaces: the
-- seed's tests), so no model normalises them again.

select
    cast(phrase as varchar) as phrase,
    cast(position as varchar) as position,
    cast(lemma as varchar) as lemma,
    cast(verb_class as varchar) as verb_class,
    cast(stance as varchar) as stance,
    cast(strength as integer) as strength
from {{ ref('lead_lexicon') }}
