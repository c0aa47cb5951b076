-- exposure-model/2 as SQL (DESIGN.md, "The model"). Double-brace placeholders are constants from
-- @exposure/score's model.ts, filled in by render.ts, so a constant lives in one place.
-- Inputs: devices(id, grp, value, in_scope), weaknesses(id, severity, likelihood),
-- findings(device, weakness, rec, status, active_alert).
WITH scoped AS (SELECT id, grp, value FROM devices WHERE in_scope),
n AS (SELECT count(*) AS n FROM scoped),
wt AS (
  SELECT s.id, s.grp,
    CASE s.value WHEN 'low' THEN {{VALUE_LOW}}
      WHEN 'high' THEN greatest({{VALUE_HIGH_MIN}}, n.n * {{VALUE_HIGH_PER_DEVICES}})
      ELSE {{VALUE_NORMAL}} END AS weight
  FROM scoped s CROSS JOIN n),
fr AS (
  SELECT f.device, f.weakness, f.rec,
    k.severity * CASE WHEN f.active_alert THEN {{LIKELIHOOD_ACTIVE_ALERT}} ELSE k.likelihood END AS r
  FROM findings f JOIN wt ON wt.id = f.device JOIN weaknesses k ON k.id = f.weakness
  WHERE f.status = 'open'),
-- The largest r of each recommendation on each pair, ranked: rank 1 is the pair's r; its
-- recommendation alone lowers the pair (to rank 2's r) unless another one ties it.
byrec AS (
  SELECT device, weakness, rec, max(r) AS r FROM fr GROUP BY device, weakness, rec),
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY device, weakness ORDER BY r DESC, rec) AS k FROM byrec),
pair AS (
  SELECT device, weakness,
    max(CASE WHEN k = 1 THEN r END) AS r1,
    coalesce(max(CASE WHEN k = 2 THEN r END), 0) AS r2,
    max(CASE WHEN k = 1 THEN rec END) AS holder
  FROM ranked GROUP BY device, weakness),
dev AS (
  SELECT wt.id, wt.grp, wt.weight,
    coalesce(sum(CASE WHEN p.r1 < 1 THEN ln(1 - p.r1) END), 0) AS logsum,
    count(CASE WHEN p.r1 >= 1 THEN 1 END) AS certain,
    count(p.weakness) AS pairs
  FROM wt LEFT JOIN pair p ON p.device = wt.id GROUP BY wt.id, wt.grp, wt.weight),
dexp AS (
  SELECT *, CASE WHEN certain > 0 THEN 100 ELSE 100 * (1 - exp(logsum)) END AS exposure FROM dev),
delta AS (
  SELECT device, holder AS rec,
    sum((CASE WHEN r2 >= 1 THEN 0 ELSE ln(1 - r2) END) - (CASE WHEN r1 >= 1 THEN 0 ELSE ln(1 - r1) END)) AS dlog,
    sum((CASE WHEN r2 >= 1 THEN 1 ELSE 0 END) - (CASE WHEN r1 >= 1 THEN 1 ELSE 0 END)) AS dcert
  FROM pair WHERE r2 < r1 GROUP BY device, holder),
contrib AS (
  SELECT d.rec, x.weight * greatest(0, x.exposure -
    CASE WHEN x.certain + d.dcert > 0 THEN 100 ELSE 100 * (1 - exp(x.logsum + d.dlog)) END) AS c
  FROM delta d JOIN dexp x ON x.id = d.device),
total AS (SELECT sum(weight) AS tw, sum(weight * exposure) AS we FROM dexp)
SELECT 'device' AS kind, id AS key, exposure AS value, pairs FROM dexp
UNION ALL
SELECT 'organization', NULL, CASE WHEN tw > 0 THEN we / tw ELSE 0 END, NULL FROM total
UNION ALL
SELECT 'group', grp, sum(weight * exposure) / nullif(sum(weight), 0), NULL FROM dexp GROUP BY grp
UNION ALL
SELECT 'impact', c.rec, CASE WHEN t.tw > 0 THEN greatest(0, sum(c.c)) / t.tw ELSE 0 END, NULL
FROM contrib c CROSS JOIN total t GROUP BY c.rec, t.tw
