-- exposure-model/2 for ClickHouse 18.16+. Generated from packages/sql/src/model.sql and the constants of
-- @exposure/score's model.ts: do not edit (npm run dialects -w @exposure/sql). Input tables and
-- how to run it: docs/parquet.md, docs/sql-engines.md.
-- Three queries: the devices, the organization score, the impacts.
SELECT id, exposure, pairs FROM (SELECT id, group_name, weight, logsum, certain, pairs,
  if(certain > 0, CAST(100.00000000000000 AS Float64), 100 * (1 - exp(logsum))) AS exposure
FROM (SELECT id, group_name,
  multiIf(value = 'low', CAST(0.75000000000000000 AS Float64),
    value = 'high', greatest(CAST(2.0000000000000000 AS Float64), toFloat64((SELECT count() FROM devices WHERE in_scope = 1)) * CAST(0.10000000000000001 AS Float64)),
    CAST(1.0000000000000000 AS Float64)) AS weight
FROM (SELECT id, group_name, value FROM devices WHERE in_scope = 1)) ALL LEFT JOIN (
  SELECT device AS id, sum(if(r1 < 1, ln(1 - r1), CAST(0.0000000000000000 AS Float64))) AS logsum,
    toInt64(countIf(r1 >= 1)) AS certain, count() AS pairs
  FROM (SELECT device, weakness, max(r) AS r1, argMax(rec, r) AS holder,
  if(count() > 1, arrayReverseSort(groupArray(r))[2], CAST(0.0000000000000000 AS Float64)) AS r2
FROM (SELECT device, weakness, rec, max(r) AS r FROM (
  SELECT device, weakness,
    ifNull(recommendation, multiIf(
      w_kind = 'configuration', concat('configuration/', weakness),
      isNull(product), concat('weakness/', weakness),
      ifNull(vendor, '') = '', concat('software/', lower(assumeNotNull(product))),
      concat('software/', lower(assumeNotNull(vendor)), '/', lower(assumeNotNull(product))))) AS rec,
    w_severity * if(active_alert = 1, CAST(1.0000000000000000 AS Float64), w_likelihood) AS r
  FROM findings GLOBAL ALL INNER JOIN (SELECT id AS weakness, kind AS w_kind,
  if(isNotNull(cvss_score), assumeNotNull(cvss_score) / 10,
    transform(ifNull(severity_label, ''), ['critical', 'high', 'medium', 'low', 'none'],
      [CAST(0.94999999999999996 AS Float64), CAST(0.80000000000000004 AS Float64), CAST(0.55000000000000004 AS Float64), CAST(0.25000000000000000 AS Float64), CAST(0.0000000000000000 AS Float64)],
      CAST(0.55000000000000004 AS Float64))) AS w_severity,
  greatest(
    multiIf(kev = 1, CAST(0.50000000000000000 AS Float64), exploit = 'weaponized', CAST(0.25000000000000000 AS Float64),
      exploit = 'poc', CAST(0.080000000000000002 AS Float64), CAST(0.0050000000000000001 AS Float64)),
    if(isNull(epss), CAST(0.0000000000000000 AS Float64), least(assumeNotNull(epss), CAST(1.0000000000000000 AS Float64)))) AS w_likelihood
FROM weaknesses) USING weakness
  WHERE status = 'open' AND device GLOBAL IN (SELECT id FROM devices WHERE in_scope = 1))
GROUP BY device, weakness, rec) GROUP BY device, weakness) GROUP BY device) USING id) ORDER BY id;

SELECT if(sum(weight) > 0, sum(weight * exposure) / sum(weight), CAST(0.0000000000000000 AS Float64)) AS score FROM (SELECT id, group_name, weight, logsum, certain, pairs,
  if(certain > 0, CAST(100.00000000000000 AS Float64), 100 * (1 - exp(logsum))) AS exposure
FROM (SELECT id, group_name,
  multiIf(value = 'low', CAST(0.75000000000000000 AS Float64),
    value = 'high', greatest(CAST(2.0000000000000000 AS Float64), toFloat64((SELECT count() FROM devices WHERE in_scope = 1)) * CAST(0.10000000000000001 AS Float64)),
    CAST(1.0000000000000000 AS Float64)) AS weight
FROM (SELECT id, group_name, value FROM devices WHERE in_scope = 1)) ALL LEFT JOIN (
  SELECT device AS id, sum(if(r1 < 1, ln(1 - r1), CAST(0.0000000000000000 AS Float64))) AS logsum,
    toInt64(countIf(r1 >= 1)) AS certain, count() AS pairs
  FROM (SELECT device, weakness, max(r) AS r1, argMax(rec, r) AS holder,
  if(count() > 1, arrayReverseSort(groupArray(r))[2], CAST(0.0000000000000000 AS Float64)) AS r2
FROM (SELECT device, weakness, rec, max(r) AS r FROM (
  SELECT device, weakness,
    ifNull(recommendation, multiIf(
      w_kind = 'configuration', concat('configuration/', weakness),
      isNull(product), concat('weakness/', weakness),
      ifNull(vendor, '') = '', concat('software/', lower(assumeNotNull(product))),
      concat('software/', lower(assumeNotNull(vendor)), '/', lower(assumeNotNull(product))))) AS rec,
    w_severity * if(active_alert = 1, CAST(1.0000000000000000 AS Float64), w_likelihood) AS r
  FROM findings GLOBAL ALL INNER JOIN (SELECT id AS weakness, kind AS w_kind,
  if(isNotNull(cvss_score), assumeNotNull(cvss_score) / 10,
    transform(ifNull(severity_label, ''), ['critical', 'high', 'medium', 'low', 'none'],
      [CAST(0.94999999999999996 AS Float64), CAST(0.80000000000000004 AS Float64), CAST(0.55000000000000004 AS Float64), CAST(0.25000000000000000 AS Float64), CAST(0.0000000000000000 AS Float64)],
      CAST(0.55000000000000004 AS Float64))) AS w_severity,
  greatest(
    multiIf(kev = 1, CAST(0.50000000000000000 AS Float64), exploit = 'weaponized', CAST(0.25000000000000000 AS Float64),
      exploit = 'poc', CAST(0.080000000000000002 AS Float64), CAST(0.0050000000000000001 AS Float64)),
    if(isNull(epss), CAST(0.0000000000000000 AS Float64), least(assumeNotNull(epss), CAST(1.0000000000000000 AS Float64)))) AS w_likelihood
FROM weaknesses) USING weakness
  WHERE status = 'open' AND device GLOBAL IN (SELECT id FROM devices WHERE in_scope = 1))
GROUP BY device, weakness, rec) GROUP BY device, weakness) GROUP BY device) USING id);

SELECT rec, if((SELECT sum(weight) FROM (SELECT id, group_name, weight, logsum, certain, pairs,
  if(certain > 0, CAST(100.00000000000000 AS Float64), 100 * (1 - exp(logsum))) AS exposure
FROM (SELECT id, group_name,
  multiIf(value = 'low', CAST(0.75000000000000000 AS Float64),
    value = 'high', greatest(CAST(2.0000000000000000 AS Float64), toFloat64((SELECT count() FROM devices WHERE in_scope = 1)) * CAST(0.10000000000000001 AS Float64)),
    CAST(1.0000000000000000 AS Float64)) AS weight
FROM (SELECT id, group_name, value FROM devices WHERE in_scope = 1)) ALL LEFT JOIN (
  SELECT device AS id, sum(if(r1 < 1, ln(1 - r1), CAST(0.0000000000000000 AS Float64))) AS logsum,
    toInt64(countIf(r1 >= 1)) AS certain, count() AS pairs
  FROM (SELECT device, weakness, max(r) AS r1, argMax(rec, r) AS holder,
  if(count() > 1, arrayReverseSort(groupArray(r))[2], CAST(0.0000000000000000 AS Float64)) AS r2
FROM (SELECT device, weakness, rec, max(r) AS r FROM (
  SELECT device, weakness,
    ifNull(recommendation, multiIf(
      w_kind = 'configuration', concat('configuration/', weakness),
      isNull(product), concat('weakness/', weakness),
      ifNull(vendor, '') = '', concat('software/', lower(assumeNotNull(product))),
      concat('software/', lower(assumeNotNull(vendor)), '/', lower(assumeNotNull(product))))) AS rec,
    w_severity * if(active_alert = 1, CAST(1.0000000000000000 AS Float64), w_likelihood) AS r
  FROM findings GLOBAL ALL INNER JOIN (SELECT id AS weakness, kind AS w_kind,
  if(isNotNull(cvss_score), assumeNotNull(cvss_score) / 10,
    transform(ifNull(severity_label, ''), ['critical', 'high', 'medium', 'low', 'none'],
      [CAST(0.94999999999999996 AS Float64), CAST(0.80000000000000004 AS Float64), CAST(0.55000000000000004 AS Float64), CAST(0.25000000000000000 AS Float64), CAST(0.0000000000000000 AS Float64)],
      CAST(0.55000000000000004 AS Float64))) AS w_severity,
  greatest(
    multiIf(kev = 1, CAST(0.50000000000000000 AS Float64), exploit = 'weaponized', CAST(0.25000000000000000 AS Float64),
      exploit = 'poc', CAST(0.080000000000000002 AS Float64), CAST(0.0050000000000000001 AS Float64)),
    if(isNull(epss), CAST(0.0000000000000000 AS Float64), least(assumeNotNull(epss), CAST(1.0000000000000000 AS Float64)))) AS w_likelihood
FROM weaknesses) USING weakness
  WHERE status = 'open' AND device GLOBAL IN (SELECT id FROM devices WHERE in_scope = 1))
GROUP BY device, weakness, rec) GROUP BY device, weakness) GROUP BY device) USING id)) > 0, greatest(CAST(0.0000000000000000 AS Float64), c) / (SELECT sum(weight) FROM (SELECT id, group_name, weight, logsum, certain, pairs,
  if(certain > 0, CAST(100.00000000000000 AS Float64), 100 * (1 - exp(logsum))) AS exposure
FROM (SELECT id, group_name,
  multiIf(value = 'low', CAST(0.75000000000000000 AS Float64),
    value = 'high', greatest(CAST(2.0000000000000000 AS Float64), toFloat64((SELECT count() FROM devices WHERE in_scope = 1)) * CAST(0.10000000000000001 AS Float64)),
    CAST(1.0000000000000000 AS Float64)) AS weight
FROM (SELECT id, group_name, value FROM devices WHERE in_scope = 1)) ALL LEFT JOIN (
  SELECT device AS id, sum(if(r1 < 1, ln(1 - r1), CAST(0.0000000000000000 AS Float64))) AS logsum,
    toInt64(countIf(r1 >= 1)) AS certain, count() AS pairs
  FROM (SELECT device, weakness, max(r) AS r1, argMax(rec, r) AS holder,
  if(count() > 1, arrayReverseSort(groupArray(r))[2], CAST(0.0000000000000000 AS Float64)) AS r2
FROM (SELECT device, weakness, rec, max(r) AS r FROM (
  SELECT device, weakness,
    ifNull(recommendation, multiIf(
      w_kind = 'configuration', concat('configuration/', weakness),
      isNull(product), concat('weakness/', weakness),
      ifNull(vendor, '') = '', concat('software/', lower(assumeNotNull(product))),
      concat('software/', lower(assumeNotNull(vendor)), '/', lower(assumeNotNull(product))))) AS rec,
    w_severity * if(active_alert = 1, CAST(1.0000000000000000 AS Float64), w_likelihood) AS r
  FROM findings GLOBAL ALL INNER JOIN (SELECT id AS weakness, kind AS w_kind,
  if(isNotNull(cvss_score), assumeNotNull(cvss_score) / 10,
    transform(ifNull(severity_label, ''), ['critical', 'high', 'medium', 'low', 'none'],
      [CAST(0.94999999999999996 AS Float64), CAST(0.80000000000000004 AS Float64), CAST(0.55000000000000004 AS Float64), CAST(0.25000000000000000 AS Float64), CAST(0.0000000000000000 AS Float64)],
      CAST(0.55000000000000004 AS Float64))) AS w_severity,
  greatest(
    multiIf(kev = 1, CAST(0.50000000000000000 AS Float64), exploit = 'weaponized', CAST(0.25000000000000000 AS Float64),
      exploit = 'poc', CAST(0.080000000000000002 AS Float64), CAST(0.0050000000000000001 AS Float64)),
    if(isNull(epss), CAST(0.0000000000000000 AS Float64), least(assumeNotNull(epss), CAST(1.0000000000000000 AS Float64)))) AS w_likelihood
FROM weaknesses) USING weakness
  WHERE status = 'open' AND device GLOBAL IN (SELECT id FROM devices WHERE in_scope = 1))
GROUP BY device, weakness, rec) GROUP BY device, weakness) GROUP BY device) USING id)), CAST(0.0000000000000000 AS Float64)) AS impact
FROM (SELECT DISTINCT rec FROM (SELECT device, weakness, rec, max(r) AS r FROM (
  SELECT device, weakness,
    ifNull(recommendation, multiIf(
      w_kind = 'configuration', concat('configuration/', weakness),
      isNull(product), concat('weakness/', weakness),
      ifNull(vendor, '') = '', concat('software/', lower(assumeNotNull(product))),
      concat('software/', lower(assumeNotNull(vendor)), '/', lower(assumeNotNull(product))))) AS rec,
    w_severity * if(active_alert = 1, CAST(1.0000000000000000 AS Float64), w_likelihood) AS r
  FROM findings GLOBAL ALL INNER JOIN (SELECT id AS weakness, kind AS w_kind,
  if(isNotNull(cvss_score), assumeNotNull(cvss_score) / 10,
    transform(ifNull(severity_label, ''), ['critical', 'high', 'medium', 'low', 'none'],
      [CAST(0.94999999999999996 AS Float64), CAST(0.80000000000000004 AS Float64), CAST(0.55000000000000004 AS Float64), CAST(0.25000000000000000 AS Float64), CAST(0.0000000000000000 AS Float64)],
      CAST(0.55000000000000004 AS Float64))) AS w_severity,
  greatest(
    multiIf(kev = 1, CAST(0.50000000000000000 AS Float64), exploit = 'weaponized', CAST(0.25000000000000000 AS Float64),
      exploit = 'poc', CAST(0.080000000000000002 AS Float64), CAST(0.0050000000000000001 AS Float64)),
    if(isNull(epss), CAST(0.0000000000000000 AS Float64), least(assumeNotNull(epss), CAST(1.0000000000000000 AS Float64)))) AS w_likelihood
FROM weaknesses) USING weakness
  WHERE status = 'open' AND device GLOBAL IN (SELECT id FROM devices WHERE in_scope = 1))
GROUP BY device, weakness, rec)) ALL LEFT JOIN (
  SELECT rec, sum(c) AS c FROM (
    SELECT rec, weight * greatest(CAST(0.0000000000000000 AS Float64), exposure -
      if(certain + dcert > 0, CAST(100.00000000000000 AS Float64), 100 * (1 - exp(logsum + dlog)))) AS c
    FROM (SELECT device AS id, holder AS rec,
  sum(if(r2 >= 1, CAST(0.0000000000000000 AS Float64), ln(1 - r2)) - if(r1 >= 1, CAST(0.0000000000000000 AS Float64), ln(1 - r1))) AS dlog,
  sum(toInt64(r2 >= 1) - toInt64(r1 >= 1)) AS dcert
FROM (SELECT device, weakness, max(r) AS r1, argMax(rec, r) AS holder,
  if(count() > 1, arrayReverseSort(groupArray(r))[2], CAST(0.0000000000000000 AS Float64)) AS r2
FROM (SELECT device, weakness, rec, max(r) AS r FROM (
  SELECT device, weakness,
    ifNull(recommendation, multiIf(
      w_kind = 'configuration', concat('configuration/', weakness),
      isNull(product), concat('weakness/', weakness),
      ifNull(vendor, '') = '', concat('software/', lower(assumeNotNull(product))),
      concat('software/', lower(assumeNotNull(vendor)), '/', lower(assumeNotNull(product))))) AS rec,
    w_severity * if(active_alert = 1, CAST(1.0000000000000000 AS Float64), w_likelihood) AS r
  FROM findings GLOBAL ALL INNER JOIN (SELECT id AS weakness, kind AS w_kind,
  if(isNotNull(cvss_score), assumeNotNull(cvss_score) / 10,
    transform(ifNull(severity_label, ''), ['critical', 'high', 'medium', 'low', 'none'],
      [CAST(0.94999999999999996 AS Float64), CAST(0.80000000000000004 AS Float64), CAST(0.55000000000000004 AS Float64), CAST(0.25000000000000000 AS Float64), CAST(0.0000000000000000 AS Float64)],
      CAST(0.55000000000000004 AS Float64))) AS w_severity,
  greatest(
    multiIf(kev = 1, CAST(0.50000000000000000 AS Float64), exploit = 'weaponized', CAST(0.25000000000000000 AS Float64),
      exploit = 'poc', CAST(0.080000000000000002 AS Float64), CAST(0.0050000000000000001 AS Float64)),
    if(isNull(epss), CAST(0.0000000000000000 AS Float64), least(assumeNotNull(epss), CAST(1.0000000000000000 AS Float64)))) AS w_likelihood
FROM weaknesses) USING weakness
  WHERE status = 'open' AND device GLOBAL IN (SELECT id FROM devices WHERE in_scope = 1))
GROUP BY device, weakness, rec) GROUP BY device, weakness) WHERE r2 < r1 GROUP BY device, holder) ALL INNER JOIN (SELECT id, group_name, weight, logsum, certain, pairs,
  if(certain > 0, CAST(100.00000000000000 AS Float64), 100 * (1 - exp(logsum))) AS exposure
FROM (SELECT id, group_name,
  multiIf(value = 'low', CAST(0.75000000000000000 AS Float64),
    value = 'high', greatest(CAST(2.0000000000000000 AS Float64), toFloat64((SELECT count() FROM devices WHERE in_scope = 1)) * CAST(0.10000000000000001 AS Float64)),
    CAST(1.0000000000000000 AS Float64)) AS weight
FROM (SELECT id, group_name, value FROM devices WHERE in_scope = 1)) ALL LEFT JOIN (
  SELECT device AS id, sum(if(r1 < 1, ln(1 - r1), CAST(0.0000000000000000 AS Float64))) AS logsum,
    toInt64(countIf(r1 >= 1)) AS certain, count() AS pairs
  FROM (SELECT device, weakness, max(r) AS r1, argMax(rec, r) AS holder,
  if(count() > 1, arrayReverseSort(groupArray(r))[2], CAST(0.0000000000000000 AS Float64)) AS r2
FROM (SELECT device, weakness, rec, max(r) AS r FROM (
  SELECT device, weakness,
    ifNull(recommendation, multiIf(
      w_kind = 'configuration', concat('configuration/', weakness),
      isNull(product), concat('weakness/', weakness),
      ifNull(vendor, '') = '', concat('software/', lower(assumeNotNull(product))),
      concat('software/', lower(assumeNotNull(vendor)), '/', lower(assumeNotNull(product))))) AS rec,
    w_severity * if(active_alert = 1, CAST(1.0000000000000000 AS Float64), w_likelihood) AS r
  FROM findings GLOBAL ALL INNER JOIN (SELECT id AS weakness, kind AS w_kind,
  if(isNotNull(cvss_score), assumeNotNull(cvss_score) / 10,
    transform(ifNull(severity_label, ''), ['critical', 'high', 'medium', 'low', 'none'],
      [CAST(0.94999999999999996 AS Float64), CAST(0.80000000000000004 AS Float64), CAST(0.55000000000000004 AS Float64), CAST(0.25000000000000000 AS Float64), CAST(0.0000000000000000 AS Float64)],
      CAST(0.55000000000000004 AS Float64))) AS w_severity,
  greatest(
    multiIf(kev = 1, CAST(0.50000000000000000 AS Float64), exploit = 'weaponized', CAST(0.25000000000000000 AS Float64),
      exploit = 'poc', CAST(0.080000000000000002 AS Float64), CAST(0.0050000000000000001 AS Float64)),
    if(isNull(epss), CAST(0.0000000000000000 AS Float64), least(assumeNotNull(epss), CAST(1.0000000000000000 AS Float64)))) AS w_likelihood
FROM weaknesses) USING weakness
  WHERE status = 'open' AND device GLOBAL IN (SELECT id FROM devices WHERE in_scope = 1))
GROUP BY device, weakness, rec) GROUP BY device, weakness) GROUP BY device) USING id) USING id)
  GROUP BY rec) USING rec
ORDER BY impact DESC, rec;
