-- The document columns every fact table carries beside its doc_id, so "what did the Security Council
-- commit to in 1992" needs no join. Every document: stg_documents is not limited to the build's scope.
-- A fact selects `documents.* exclude (documents.doc_id)`: a column added here reaches all of them.

select
    doc_id,
    issuing_body,
    adopted_on
from {{ ref('stg_documents') }}
