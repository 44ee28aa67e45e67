SELECT id FROM t ORDER BY id
SELECT count(*) FROM t WHERE status = 'done'
