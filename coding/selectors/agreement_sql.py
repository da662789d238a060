"""The agreement report's one counting query (see ``agreement_tallies``)."""

# One query, one pass over the code applications: each row is (kind, key, first, second, count).
# k: a coder of a visible story; s: stories with two coders or more, per set of coders; c: per
# code, set of coders and set of those who applied it, the stories; g: per exclusive group, the
# coders who chose exactly one sub-code and their choices; ms/mt/mx: the machine's stories,
# each coder's stories among them, and per (code, coder) the machine's yes, the coder's yes and
# both.
PRESENT_ROLLUP = """
    SELECT DISTINCT ca.testimony_id, ca.coder_id, closure.up_id AS code_id
    FROM ca JOIN closure USING (code_id)
"""
MPRESENT_ROLLUP = """
    SELECT DISTINCT mca.testimony_id, closure.up_id AS code_id FROM mca JOIN closure USING (code_id)
"""
QUERY = """
WITH vis AS NOT MATERIALIZED ({visible}),
closure (code_id, up_id) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[])),
members (code_id, group_id) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[])),
ca AS MATERIALIZED (
    SELECT DISTINCT a.testimony_id, a.coder_id, a.code_id
    FROM coding_codeapplication a
    WHERE a.source = 'human' AND a.coder_id IS NOT NULL AND a.code_id = ANY(%s::bigint[])
      AND a.testimony_id IN (SELECT testimony_id FROM vis)
),
present AS MATERIALIZED ({present}),
story_coder AS MATERIALIZED (
    SELECT testimony_id, coder_id FROM ca
    UNION
    SELECT c.testimony_id, c.coder_id FROM coding_codingcompletion c
    WHERE c.testimony_id IN (SELECT testimony_id FROM vis)
),
stories AS MATERIALIZED (
    SELECT testimony_id, array_agg(coder_id ORDER BY coder_id) AS coders
    FROM story_coder GROUP BY testimony_id HAVING count(*) >= 2
),
chosen AS (
    SELECT p.testimony_id, m.group_id, p.coder_id, min(p.code_id) AS code_id
    FROM present p JOIN members m USING (code_id)
    GROUP BY 1, 2, 3 HAVING count(*) = 1
){machine_ctes}
SELECT 'k', coder_id, NULL::bigint[], NULL::bigint[], 0::bigint
FROM (SELECT DISTINCT coder_id FROM story_coder) k
UNION ALL
SELECT 's', NULL, coders, NULL, count(*) FROM stories GROUP BY coders
UNION ALL
SELECT 'c', pc.code_id, s.coders, pc.present, count(*)
FROM (
    SELECT testimony_id, code_id, array_agg(coder_id ORDER BY coder_id) AS present
    FROM present GROUP BY 1, 2
) pc
JOIN stories s USING (testimony_id)
GROUP BY 2, 3, 4
UNION ALL
SELECT 'g', group_id, coders, vals, count(*)
FROM (
    SELECT ch.group_id, array_agg(ch.coder_id ORDER BY ch.coder_id) AS coders,
           array_agg(ch.code_id ORDER BY ch.coder_id) AS vals
    FROM chosen ch JOIN stories USING (testimony_id)
    GROUP BY ch.testimony_id, ch.group_id HAVING count(*) >= 2
) g
GROUP BY 2, 3, 4{machine_rows}
"""
VERSION = "SELECT min(epoch::text), sum(n) FROM coding_agreement_version"
VERSION_ROW = """
UNION ALL
SELECT 'v', NULL, NULL, NULL, (SELECT sum(n) FROM coding_agreement_version)::bigint"""
MACHINE_CTES = """,
mca AS MATERIALIZED (
    SELECT DISTINCT a.testimony_id, a.code_id FROM coding_codeapplication a
    WHERE a.source = 'machine' AND a.code_id = ANY(%s::bigint[])
      AND a.testimony_id IN (SELECT testimony_id FROM vis)
),
mpresent AS MATERIALIZED ({mpresent}),
mstories AS MATERIALIZED (SELECT DISTINCT testimony_id FROM mca),
shared AS MATERIALIZED (
    SELECT sc.testimony_id, sc.coder_id FROM story_coder sc JOIN mstories USING (testimony_id)
)"""
MACHINE_ROWS = """
UNION ALL
SELECT 'ms', NULL, NULL, NULL, count(*) FROM mstories
UNION ALL
SELECT 'mt', coder_id, NULL, NULL, count(*) FROM shared GROUP BY coder_id
UNION ALL
SELECT 'mx', code_id,
       ARRAY[coder_id, count(m.testimony_id), count(h.testimony_id),
             count(*) FILTER (WHERE m.testimony_id IS NOT NULL AND h.testimony_id IS NOT NULL)],
       NULL, 0
FROM (
    SELECT s.testimony_id, s.coder_id, mp.code_id
    FROM shared s JOIN mpresent mp USING (testimony_id)
) m
FULL JOIN (
    SELECT p.testimony_id, p.coder_id, p.code_id FROM present p JOIN mstories USING (testimony_id)
) h USING (testimony_id, coder_id, code_id)
GROUP BY code_id, coder_id"""
