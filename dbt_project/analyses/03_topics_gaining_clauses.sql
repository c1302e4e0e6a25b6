-- question: Which topics gained most clauses?
-- how: clauses per topic in each document against the document before it (mart_topic_trends), largest gain first.
select
    cur.doc_id,
    cur.topic_label,
    prev.n_clauses as clauses_before,
    cur.n_clauses as clauses_now,
    cur.n_clauses - prev.n_clauses as gained,
    round(100 * cur.clause_share_change, 1) as share_change_points
from {{ ref('mart_topic_trends') }} as cur
inner join {{ ref('mart_topic_trends') }} as prev
    on cur.topic_key = prev.topic_key and prev.doc_sequence = cur.doc_sequence - 1
where cur.n_clauses - prev.n_clauses > 0
order by gained desc, share_change_points desc, cur.topic_label
limit 10
