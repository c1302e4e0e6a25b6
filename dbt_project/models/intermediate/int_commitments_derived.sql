-- One row per call to action. An operative clause ("URGES X:") that has sub-clauses is a header: each
-- sub-clause is one commitment and inherits the header's addressee, lead and strength. An operative
-- clause without sub-clauses is a commitment on its own; its action is the verb after "to" (if any).
-- operative_class (lexicon class of the operative lead) lets analysts keep only calls proper
-- (urge, request, decide) where a text's operative part also welcomes or condemns.

with

clauses as (

    select * from {{ ref('int_clauses_classified') }}

),

continuation_verbs as (

    select lower(trim(lemma)) as lemma from {{ ref('continuation_verbs') }}

),

deadlines as (

    select * from {{ ref('stg_deadlines') }}

),

operatives as (

    select * from clauses where kind = 'operative'

),

sub_clauses as (

    select * from clauses where kind = 'sub_operative'

),

-- an item of a list nested in a lettered item ("6.c.i") takes its lead from the operative clause above
-- that item ("6")
sub_clauses_with_operative as (

    select
        sub_clauses.*,
        coalesce(nesting.parent_ref, sub_clauses.parent_ref) as operative_ref
    from sub_clauses
    left join sub_clauses as nesting
        on sub_clauses.doc_id = nesting.doc_id
        and sub_clauses.parent_ref = nesting.clause_ref

),

from_sub_clauses as (

    select
        sub_clauses.doc_id,
        sub_clauses.clause_ref,
        sub_clauses.clause_id,
        operatives.addressee,
        operatives.lemma as operative_lemma,
        operatives.lead_phrase as operative_phrase,
        operatives.lead_verb_class as operative_class,
        operatives.lead_strength as strength,
        lower(sub_clauses.lead_verb) as action_lemma,
        sub_clauses.clause_text as commitment_text,
        sub_clauses.char_start,
        sub_clauses.char_end
    from sub_clauses_with_operative as sub_clauses
    left join operatives
        on sub_clauses.doc_id = operatives.doc_id
        and sub_clauses.operative_ref = operatives.clause_ref

),

standalone_operatives as (

    select operatives.*
    from operatives
    where not exists (
        select 1
        from sub_clauses
        where sub_clauses.doc_id = operatives.doc_id
            and sub_clauses.parent_ref = operatives.clause_ref
    )

),

from_standalone_operatives as (

    select
        doc_id,
        clause_ref,
        clause_id,
        addressee,
        lemma as operative_lemma,
        lead_phrase as operative_phrase,
        lead_verb_class as operative_class,
        lead_strength as strength,
        -- the infinitive after the first "to" that follows the lead ("URGES Allies to step up ...");
        -- adverbs in between ("to further strengthen") are skipped
        nullif(lower(regexp_extract(
            substr(clause_text, length(coalesce(lead_phrase, '')) + 1),
            '(?i)\bto\s+(?:(?:further|also|fully|urgently|swiftly|rapidly|immediately|actively|jointly|substantially|significantly|decisively)\s+)*([a-z][a-z-]*)',
            1
        )), '') as action_lemma,
        clause_text as commitment_text,
        char_start,
        char_end
    from standalone_operatives

),

commitments as (

    select * from from_sub_clauses
    union all
    select * from from_standalone_operatives

),

first_deadlines as (

    select
        doc_id,
        clause_ref,
        arg_min(deadline_kind, deadline_ordinal) as deadline_kind,
        arg_min(deadline_text, deadline_ordinal) as deadline_text,
        arg_min(deadline_date, deadline_ordinal) as deadline_date
    from deadlines
    group by doc_id, clause_ref

),

final as (

    select
        md5('commitment|' || commitments.doc_id || '|' || commitments.clause_ref) as commitment_id,
        commitments.doc_id,
        commitments.clause_ref,
        commitments.clause_id,
        commitments.addressee,
        commitments.operative_lemma,
        commitments.operative_phrase,
        commitments.operative_class,
        commitments.strength,
        commitments.action_lemma,
        coalesce(
            nullif(regexp_extract(
                commitments.commitment_text,
                '(?i)\bto\s+((?:[a-z]+\s+){0,2}?' || regexp_escape(commitments.action_lemma) || ')\b',
                1
            ), ''),
            commitments.action_lemma
        ) as action_text,
        commitments.commitment_text,
        coalesce(continuation_verbs.lemma is not null, false) as is_continuation,
        first_deadlines.deadline_kind,
        first_deadlines.deadline_text,
        first_deadlines.deadline_date,
        commitments.char_start,
        commitments.char_end
    from commitments
    left join continuation_verbs
        on commitments.action_lemma = continuation_verbs.lemma
    left join first_deadlines
        on commitments.doc_id = first_deadlines.doc_id
        and commitments.clause_ref = first_deadlines.clause_ref

)

select * from final
