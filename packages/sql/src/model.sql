-- exposure-model/2 as SQL (docs/model.md; the rule numbers below are its rules).
-- Upper-case placeholders in double braces are constants from @exposure/score's model.ts, lower-case
-- ones a dialect's spelling of a function; render.ts fills both in, so a constant lives in one place
-- and the model is written once for every engine.
-- Inputs: the tables `exposure export --parquet` writes (docs/parquet.md):
--   devices(id, group_name, value, in_scope, …), weaknesses(id, kind, severity_label,
--   cvss_score, kev, exploit, epss, …), findings(device, weakness, vendor, product, status,
--   active_alert, recommendation, …).
-- Output: one row set, told apart by `kind` (device, levels, organization, group, group_levels,
-- impact); see duckdb.ts for how it is read back.
WITH
-- Rule 5: devices in scope (the fleet state decides scope as of its time) and their weights:
-- low 0.75, normal 1, high N / 10 but never below 2, N counted over the scope of the score (the
-- organization, or one group for a group's score).
scoped AS (
  SELECT id, group_name, value,
    count(*) OVER () AS n_org,
    count(*) OVER (PARTITION BY group_name) AS n_group
  FROM devices WHERE in_scope),
wt AS (
  SELECT id, group_name,
    CASE value WHEN 'low' THEN {{VALUE_LOW}}
      WHEN 'high' THEN greatest({{VALUE_HIGH_MIN}}, n_org * {{VALUE_HIGH_PER_DEVICES}})
      ELSE {{VALUE_NORMAL}} END AS weight,
    CASE value WHEN 'low' THEN {{VALUE_LOW}}
      WHEN 'high' THEN greatest({{VALUE_HIGH_MIN}}, n_group * {{VALUE_HIGH_PER_DEVICES}})
      ELSE {{VALUE_NORMAL}} END AS group_weight
  FROM scoped),
-- Rules 1 and 2: severity S from the CVSS base score chosen (or its label, or unknown as medium),
-- likelihood L from the strongest evidence, raised to the EPSS probability.
wk AS (
  SELECT id, kind,
    coalesce(cvss_score / 10,
      CASE severity_label WHEN 'critical' THEN {{SEVERITY_CRITICAL}} WHEN 'high' THEN {{SEVERITY_HIGH}}
        WHEN 'medium' THEN {{SEVERITY_MEDIUM}} WHEN 'low' THEN {{SEVERITY_LOW}}
        WHEN 'none' THEN {{SEVERITY_NONE}} END,
      {{SEVERITY_UNKNOWN}}) AS severity,
    greatest(
      CASE WHEN kev THEN {{LIKELIHOOD_KEV}} WHEN exploit = 'weaponized' THEN {{LIKELIHOOD_WEAPONIZED}}
        WHEN exploit = 'poc' THEN {{LIKELIHOOD_POC}} ELSE {{LIKELIHOOD_NONE}} END,
      -- Spelled out, not least(1, epss): some engines' least skips a NULL and would give 1.
      CASE WHEN epss IS NULL THEN {{ZERO}} WHEN epss > 1 THEN {{ONE}} ELSE epss END) AS likelihood
  FROM weaknesses),
-- Rules 3, 4 and 7: the risk r = S × L of every open finding on a device in scope (an active
-- alert sets L to 1), and the recommendation that removes it: the imported one, else one per
-- software (vendor + product), per weakness found with no software, per configuration.
fr AS (
  SELECT f.device, f.weakness,
    coalesce(f.recommendation,
      CASE WHEN k.kind = 'configuration' THEN 'configuration/' || k.id
        WHEN f.product IS NULL THEN 'weakness/' || k.id
        WHEN coalesce(f.vendor, '') = '' THEN 'software/' || lower(f.product)
        ELSE 'software/' || lower(f.vendor) || '/' || lower(f.product) END) AS rec,
    k.severity * CASE WHEN f.active_alert THEN {{LIKELIHOOD_ACTIVE_ALERT}} ELSE k.likelihood END AS r
  FROM findings f JOIN wt ON wt.id = f.device JOIN wk k ON k.id = f.weakness
  WHERE f.status = 'open'),
-- Rule 8, first half: each pair's largest r (r1), the recommendation holding it (the first by r,
-- then id), and the largest r of the pair's other recommendations (r2): that holder alone lowers
-- the pair, to r2, when it is done; when another recommendation ties it, r2 = r1 and neither does.
-- One window and one aggregation over the findings: no per-recommendation grouping first.
ranked AS (
  SELECT device, weakness, rec, r,
    first_value(rec) OVER (PARTITION BY device, weakness ORDER BY r DESC, rec) AS top
  FROM fr),
ranks AS (
  SELECT device, weakness, max(r) AS r1,
    coalesce(max(CASE WHEN rec <> top THEN r END), {{ZERO}}) AS r2,
    max(top) AS holder
  FROM ranked GROUP BY device, weakness),
pair AS (
  SELECT device, weakness, r1, r2, holder, CASE WHEN r1 < 1 THEN ln(1 - r1) END AS lr FROM ranks),
-- Rule 4: D = 100 × (1 − Π(1 − r)) from Σ ln(1 − r) over the pairs with r < 1 and the count of
-- pairs with r = 1 (which alone make D 100). The sum is taken in order of the terms where the
-- engine can (DuckDB): two devices with the same pairs then get bit-equal scores, as they do in
-- the TypeScript engine, and tie (see render.ts).
dev AS (
  SELECT wt.id, wt.group_name, wt.weight, wt.group_weight,
    coalesce({{pair_log_sum}}, {{ZERO}}) AS logsum,
    count(CASE WHEN p.r1 >= 1 THEN 1 END) AS certain,
    count(p.weakness) AS pairs
  FROM wt LEFT JOIN pair p ON p.device = wt.id
  GROUP BY wt.id, wt.group_name, wt.weight, wt.group_weight),
dexp AS (
  SELECT id, group_name, weight, group_weight, logsum, certain, pairs,
    CASE WHEN certain > 0 THEN {{HUNDRED}} ELSE 100 * (1 - exp(logsum)) END AS exposure
  FROM dev),
-- Rule 6: levels, on the score rounded to an integer (floor(x + 0.5) is JavaScript's
-- Math.round); a device with no open pair is `none`.
dlev AS (
  SELECT id, group_name, weight, group_weight, logsum, certain, pairs, exposure,
    CASE WHEN pairs = 0 THEN 'none'
      WHEN floor(exposure + 0.5) >= {{LEVEL_HIGH_FROM}} THEN 'high'
      WHEN floor(exposure + 0.5) >= {{LEVEL_MEDIUM_FROM}} THEN 'medium'
      ELSE 'low' END AS level
  FROM dexp),
-- Rule 8, second half: per device and recommendation, the change of Σ ln(1 − r) and of the count
-- of r = 1 when that recommendation's findings go; then w × (D − D′) per device, summed.
delta AS (
  SELECT device, holder AS rec,
    {{sum}}((CASE WHEN r2 >= 1 THEN 0 ELSE ln(1 - r2) END) - (CASE WHEN r1 >= 1 THEN 0 ELSE ln(1 - r1) END)) AS dlog,
    sum((CASE WHEN r2 >= 1 THEN 1 ELSE 0 END) - (CASE WHEN r1 >= 1 THEN 1 ELSE 0 END)) AS dcert
  FROM pair WHERE r2 < r1 GROUP BY device, holder),
contrib AS (
  SELECT d.rec, dx.weight * greatest({{ZERO}}, dx.exposure -
    (CASE WHEN dx.certain + d.dcert > 0 THEN {{HUNDRED}} ELSE 100 * (1 - exp(dx.logsum + d.dlog)) END)) AS c
  FROM delta d JOIN dexp dx ON dx.id = d.device),
-- Rule 5: E = Σ w·D / Σ w over every device in scope, clean ones included.
total AS (SELECT {{sum}}(weight) AS tw, {{sum}}(weight * exposure) AS we FROM dexp),
org AS (SELECT CASE WHEN tw > 0 THEN we / tw ELSE {{ZERO}} END AS score FROM total),
grp AS (
  SELECT group_name, count(*) AS devices,
    {{sum}}(group_weight * exposure) / {{sum}}(group_weight) AS score
  FROM dexp GROUP BY group_name)
SELECT 'device' AS kind, id AS key, exposure AS value, pairs AS n, level FROM dlev
UNION ALL
SELECT 'levels', NULL, NULL, count(*), level FROM dlev GROUP BY level
UNION ALL
SELECT 'organization', NULL, score, NULL,
  CASE WHEN floor(score + 0.5) >= {{LEVEL_HIGH_FROM}} THEN 'high'
    WHEN floor(score + 0.5) >= {{LEVEL_MEDIUM_FROM}} THEN 'medium' ELSE 'low' END
FROM org
UNION ALL
SELECT 'group', group_name, score, devices,
  CASE WHEN floor(score + 0.5) >= {{LEVEL_HIGH_FROM}} THEN 'high'
    WHEN floor(score + 0.5) >= {{LEVEL_MEDIUM_FROM}} THEN 'medium' ELSE 'low' END
FROM grp
UNION ALL
SELECT 'group_levels', group_name, NULL, count(*), level FROM dlev GROUP BY group_name, level
UNION ALL
-- Every recommendation with an open finding in scope has an impact, 0 when it lowers no pair.
SELECT 'impact', r.rec,
  CASE WHEN t.tw > 0 THEN greatest({{ZERO}}, coalesce(s.c, {{ZERO}})) / t.tw ELSE {{ZERO}} END, NULL, NULL
FROM (SELECT DISTINCT rec FROM fr) r
LEFT JOIN (SELECT rec, {{sum}}(c) AS c FROM contrib GROUP BY rec) s ON s.rec = r.rec
CROSS JOIN total t
