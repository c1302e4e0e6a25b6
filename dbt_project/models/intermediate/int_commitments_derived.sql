-- One row per call to action. An operative clause ("URGES X:") that has sub-clauses is a header: each
-- sub-clause is one commitment and inherits the header's addressee, lead and strength. An operative
-- clause without sub-clauses is a commitment on its own. What each commitment asks for, its actions
-- (verb, addressee, continuation, deadline), comes from stg_commitment_actions (pipelines/facts/
-- commitments.py owns those rules); the commitment shows its first action and counts them all.
-- operative_class (lexicon class of the operative lead) lets analysts keep only calls proper
-- (urge, request, decide) where a text's operative part also welcomes or condemns.

with

clauses as (

    select * from {{ ref('int_clauses_classified') }}

),

actions as (

    select * from {{ ref('stg_commitment_actions') }}

),

first_actions as (

    select
        doc_id,
        clause_ref,
        count(*) as n_actions,
        arg_min(action_lemma, action_ordinal) as action_lemma,
        arg_min(action_text, action_ordinal) as action_text,
        arg_min(is_continuation, action_ordinal) as is_continuation,
        arg_min(addressee, action_ordinal) as action_addressee,
        arg_min(addressee_kind, action_ordinal) as addressee_kind
    from actions
    group by doc_id, clause_ref

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
        coalesce(commitments.addressee, first_actions.action_addressee) as addressee,
        commitments.operative_lemma,
        commitments.operative_phrase,
        commitments.operative_class,
        commitments.strength,
        first_actions.action_lemma,
        first_actions.action_text,
        commitments.commitment_text,
        coalesce(first_actions.is_continuation, false) as is_continuation,
        coalesce(first_actions.n_actions, 0) as n_actions,
        first_actions.addressee_kind,
        first_deadlines.deadline_kind,
        first_deadlines.deadline_text,
        first_deadlines.deadline_date,
        commitments.char_start,
        commitments.char_end
    from commitments
    left join first_actions
        on commitments.doc_id = first_actions.doc_id
        and commitments.clause_ref = first_actions.clause_ref
    left join first_deadlines
        on commitments.doc_id = first_deadlines.doc_id
        and commitments.clause_ref = first_deadlines.clause_ref

)

select * from final
