-- The top-management dashboard's figures in plain SQL (SQLite dialect), as
-- defined in src/svc/dashboard.h, for tests/cli/t_dashboard.sh and
-- bench/dashboard.sh. Needs the temp table today(d) holding today's date.
-- Prints NAME|VALUE lines; ratios with 9 decimals.
CREATE TEMP TABLE yr AS SELECT COALESCE((SELECT MAX(year) FROM company_year), (SELECT MAX(year) FROM account_year)) AS y;
CREATE TEMP TABLE acc AS
SELECT a.id, a.status, a.sponsor_id, a.stage, a.disintegrating, a.plan_reviewed_on,
       COALESCE(y1.revenue, 0) AS rev, COALESCE(y1.margin, 0) AS mar, COALESCE(y0.revenue, 0) AS rev0
FROM account a
LEFT JOIN account_year y1 ON y1.account_id = a.id AND y1.year = (SELECT y FROM yr)
LEFT JOIN account_year y0 ON y0.account_id = a.id AND y0.year = (SELECT y FROM yr) - 1
WHERE a.status IN ('key', 'former');
CREATE TEMP TABLE kacc AS SELECT * FROM acc WHERE status = 'key';
SELECT 'key_accounts|' || COUNT(*) FROM kacc;
SELECT 'revenue_share|' || printf('%.9f', SUM(rev) / (SELECT revenue FROM company_year WHERE year = (SELECT y FROM yr))) FROM kacc;
SELECT 'margin_share|' || printf('%.9f', SUM(mar) / (SELECT margin FROM company_year WHERE year = (SELECT y FROM yr))) FROM kacc;
SELECT 'growth_key|' || printf('%.9f', (SUM(rev) - SUM(rev0)) / SUM(rev0)) FROM kacc;
SELECT 'growth_other|' || printf('%.9f', (SUM(CASE WHEN y.year = (SELECT y FROM yr) THEN y.revenue ELSE 0 END)
        - SUM(CASE WHEN y.year = (SELECT y FROM yr) - 1 THEN y.revenue ELSE 0 END))
        / SUM(CASE WHEN y.year = (SELECT y FROM yr) - 1 THEN y.revenue ELSE 0 END))
FROM account_year y JOIN account a ON a.id = y.account_id
WHERE a.status <> 'key' AND y.year IN ((SELECT y FROM yr), (SELECT y FROM yr) - 1);
SELECT 'retention_base|' || COUNT(*) FROM acc WHERE rev0 > 0;
SELECT 'retained|' || COUNT(*) FROM acc WHERE rev0 > 0 AND status = 'key' AND rev > 0;
SELECT 'with_sponsor|' || COUNT(*) FROM kacc WHERE sponsor_id IS NOT NULL;
SELECT 'plan_current|' || COUNT(*) FROM kacc
WHERE plan_reviewed_on >= date((SELECT d FROM today), '-' || (SELECT plan_max_age_days FROM programme WHERE id = 1) || ' days');
SELECT 'stage_' || s.n || '|' || (SELECT COUNT(*) FROM kacc WHERE stage = s.n)
FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) s ORDER BY s.n;
SELECT 'disintegrating|' || COUNT(*) FROM kacc WHERE disintegrating = 1;
SELECT 'escalations_open|' || COUNT(*) FROM escalation e JOIN kacc k ON k.id = e.account_id WHERE e.status = 'open';
SELECT 'escalations_overdue|' || COUNT(*) FROM escalation e JOIN kacc k ON k.id = e.account_id
WHERE e.status = 'open' AND e.due_on < (SELECT d FROM today);
-- KPI attainment of the latest measurement (svc/kpi.h), mean per account, bands
CREATE TEMP TABLE att AS
SELECT k.account_id AS id, AVG(MIN(2.0, MAX(0.0,
    CASE WHEN t > 0 THEN (CASE WHEN k.direction = 'higher' THEN v / t WHEN v <= 0 THEN 2.0 ELSE t / v END)
         WHEN t = 0 THEN (CASE WHEN v = 0 THEN 1.0
                               WHEN (k.direction = 'higher' AND v > 0) OR (k.direction = 'lower' AND v < 0) THEN 2.0
                               ELSE 0.0 END)
         ELSE 1.0 + (CASE WHEN k.direction = 'higher' THEN v - t ELSE t - v END) / abs(t) END))) AS a
FROM (SELECT k.id, k.account_id, k.direction, COALESCE(m.target, k.target) AS t, m.value AS v
      FROM kpi k JOIN kpi_measurement m ON m.kpi_id = k.id
      WHERE k.active = 1 AND m.period = (SELECT MAX(period) FROM kpi_measurement WHERE kpi_id = k.id)) k
JOIN kacc ON kacc.id = k.account_id
WHERE t IS NOT NULL GROUP BY k.account_id;
SELECT 'band_on_track|' || COUNT(*) FROM att WHERE a >= 1.0 - 1e-9;
SELECT 'band_at_risk|' || COUNT(*) FROM att WHERE a < 1.0 - 1e-9 AND a >= 0.9 - 1e-9;
SELECT 'band_off_track|' || COUNT(*) FROM att WHERE a < 0.9 - 1e-9;
SELECT 'band_none|' || ((SELECT COUNT(*) FROM kacc) - (SELECT COUNT(*) FROM att));
-- the same at the start of the quarter (latest measurement before its first month)
CREATE TEMP TABLE qs AS SELECT substr(d, 1, 5) || printf('%02d', (CAST(substr(d, 6, 2) AS INTEGER) - 1) / 3 * 3 + 1) AS m FROM today;
CREATE TEMP TABLE att0 AS
SELECT k.account_id AS id, AVG(MIN(2.0, MAX(0.0,
    CASE WHEN t > 0 THEN (CASE WHEN k.direction = 'higher' THEN v / t WHEN v <= 0 THEN 2.0 ELSE t / v END)
         WHEN t = 0 THEN (CASE WHEN v = 0 THEN 1.0
                               WHEN (k.direction = 'higher' AND v > 0) OR (k.direction = 'lower' AND v < 0) THEN 2.0
                               ELSE 0.0 END)
         ELSE 1.0 + (CASE WHEN k.direction = 'higher' THEN v - t ELSE t - v END) / abs(t) END))) AS a
FROM (SELECT k.id, k.account_id, k.direction, COALESCE(m.target, k.target) AS t, m.value AS v
      FROM kpi k JOIN kpi_measurement m ON m.kpi_id = k.id
      WHERE k.active = 1 AND m.period = (SELECT MAX(period) FROM kpi_measurement
                                         WHERE kpi_id = k.id AND period < (SELECT m FROM qs))) k
JOIN kacc ON kacc.id = k.account_id
WHERE t IS NOT NULL GROUP BY k.account_id;
SELECT 'went_off_track|' || COUNT(*) FROM att JOIN att0 ON att0.id = att.id WHERE att.a < 0.9 - 1e-9 AND att0.a >= 0.9 - 1e-9;
-- quadrants: weighted mean of each set over the scored criteria (svc/portfolio.h)
CREATE TEMP TABLE sets AS
SELECT m.account_id AS id, c.criterion_set AS cs, SUM(c.weight * m.mean) / SUM(c.weight) AS s
FROM (SELECT account_id, criterion_id, AVG(score) AS mean FROM criterion_score
      WHERE account_id IN (SELECT id FROM kacc) GROUP BY account_id, criterion_id) m
JOIN criterion c ON c.id = m.criterion_id AND c.active = 1
GROUP BY m.account_id, c.criterion_set HAVING SUM(c.weight) > 0;
CREATE TEMP TABLE quad AS
SELECT k.id, CASE WHEN sa.s IS NULL OR ss.s IS NULL THEN 'unplaced'
                  WHEN sa.s >= p.threshold_attractiveness AND ss.s >= p.threshold_strength THEN 'strategic'
                  WHEN sa.s >= p.threshold_attractiveness THEN 'development'
                  WHEN ss.s >= p.threshold_strength THEN 'maintenance'
                  ELSE 'opportunistic' END AS q
FROM kacc k JOIN programme p ON p.id = 1
LEFT JOIN sets sa ON sa.id = k.id AND sa.cs = 'attractiveness'
LEFT JOIN sets ss ON ss.id = k.id AND ss.cs = 'strength';
SELECT 'quadrant_' || n.q || '|' || (SELECT COUNT(*) FROM quad WHERE q = n.q)
FROM (SELECT 'strategic' AS q UNION ALL SELECT 'development' UNION ALL SELECT 'maintenance'
      UNION ALL SELECT 'opportunistic' UNION ALL SELECT 'unplaced') n;
