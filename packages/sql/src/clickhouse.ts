/**
 * exposure-model/2 on ClickHouse 18.16 (Debian bookworm's clickhouse-server), over Distributed
 * tables. That version has neither window functions nor WITH … AS (subquery) (both are syntax
 * errors there, see docs/sql-engines.md), so model.sql cannot run on it as written; this is the
 * same model in the shape it accepts: nested subqueries, one JOIN per SELECT, the rank-1/rank-2
 * r of a pair from argMax and a sorted groupArray instead of a window. The constants are
 * model.ts's, through the same render(); the parts used twice are built once here.
 *
 * Tables: `devices` and `findings` (Distributed, or plain), `weaknesses` (a table on the node
 * that runs the query: it is sent to the shards with GLOBAL JOIN). Columns as in docs/parquet.md,
 * booleans as UInt8.
 */
import { render } from './render.js';

const SCOPED = `SELECT id, group_name, value FROM devices WHERE in_scope = 1`;

/** Rule 5 weights; N is counted where the query runs (over every shard), never per shard. */
const WEIGHTED = `SELECT id, group_name,
  multiIf(value = 'low', {{VALUE_LOW}},
    value = 'high', greatest({{VALUE_HIGH_MIN}}, toFloat64((SELECT count() FROM devices WHERE in_scope = 1)) * {{VALUE_HIGH_PER_DEVICES}}),
    {{VALUE_NORMAL}}) AS weight
FROM (${SCOPED})`;

/** Rules 1 and 2. */
const WEAKNESSES = `SELECT id AS weakness, kind AS w_kind,
  if(isNotNull(cvss_score), assumeNotNull(cvss_score) / 10,
    transform(ifNull(severity_label, ''), ['critical', 'high', 'medium', 'low', 'none'],
      [{{SEVERITY_CRITICAL}}, {{SEVERITY_HIGH}}, {{SEVERITY_MEDIUM}}, {{SEVERITY_LOW}}, {{SEVERITY_NONE}}],
      {{SEVERITY_UNKNOWN}})) AS w_severity,
  greatest(
    multiIf(kev = 1, {{LIKELIHOOD_KEV}}, exploit = 'weaponized', {{LIKELIHOOD_WEAPONIZED}},
      exploit = 'poc', {{LIKELIHOOD_POC}}, {{LIKELIHOOD_NONE}}),
    if(isNull(epss), {{ZERO}}, least(assumeNotNull(epss), {{ONE}}))) AS w_likelihood
FROM weaknesses`;

/** Rules 3, 4, 7: the largest r of each recommendation on each open pair in scope. */
const BY_REC = `SELECT device, weakness, rec, max(r) AS r FROM (
  SELECT device, weakness,
    ifNull(recommendation, multiIf(
      w_kind = 'configuration', concat('configuration/', weakness),
      isNull(product), concat('weakness/', weakness),
      ifNull(vendor, '') = '', concat('software/', lower(assumeNotNull(product))),
      concat('software/', lower(assumeNotNull(vendor)), '/', lower(assumeNotNull(product))))) AS rec,
    w_severity * if(active_alert = 1, {{LIKELIHOOD_ACTIVE_ALERT}}, w_likelihood) AS r
  FROM findings GLOBAL ALL INNER JOIN (${WEAKNESSES}) USING weakness
  WHERE status = 'open' AND device GLOBAL IN (SELECT id FROM devices WHERE in_scope = 1))
GROUP BY device, weakness, rec`;

/**
 * Rule 8's pair ranks: r1 the largest r, holder its recommendation, r2 the largest r of the other
 * recommendations (r1 again when two tie, so that neither alone lowers the pair).
 */
const PAIRS = `SELECT device, weakness, max(r) AS r1, argMax(rec, r) AS holder,
  if(count() > 1, arrayReverseSort(groupArray(r))[2], {{ZERO}}) AS r2
FROM (${BY_REC}) GROUP BY device, weakness`;

/** Rule 4: D per device in scope, clean ones included (the LEFT JOIN's defaults are 0). */
const DEVICES = `SELECT id, group_name, weight, logsum, certain, pairs,
  if(certain > 0, {{HUNDRED}}, 100 * (1 - exp(logsum))) AS exposure
FROM (${WEIGHTED}) ALL LEFT JOIN (
  SELECT device AS id, sum(if(r1 < 1, ln(1 - r1), {{ZERO}})) AS logsum,
    toInt64(countIf(r1 >= 1)) AS certain, count() AS pairs
  FROM (${PAIRS}) GROUP BY device) USING id`;

const DELTAS = `SELECT device AS id, holder AS rec,
  sum(if(r2 >= 1, {{ZERO}}, ln(1 - r2)) - if(r1 >= 1, {{ZERO}}, ln(1 - r1))) AS dlog,
  sum(toInt64(r2 >= 1) - toInt64(r1 >= 1)) AS dcert
FROM (${PAIRS}) WHERE r2 < r1 GROUP BY device, holder`;

export interface ClickhouseQueries {
  /** id, exposure, pairs per device in scope. */
  devices: string;
  /** One row: score (rule 5). */
  organization: string;
  /** rec, impact (rule 8) for every recommendation with an open finding in scope. */
  impacts: string;
}

export function clickhouseQueries(): ClickhouseQueries {
  const total = `(SELECT sum(weight) FROM (${DEVICES}))`;
  return {
    devices: render(`SELECT id, exposure, pairs FROM (${DEVICES}) ORDER BY id`, 'clickhouse'),
    organization: render(
      `SELECT if(sum(weight) > 0, sum(weight * exposure) / sum(weight), {{ZERO}}) AS score FROM (${DEVICES})`,
      'clickhouse',
    ),
    impacts: render(
      `SELECT rec, if(${total} > 0, greatest({{ZERO}}, c) / ${total}, {{ZERO}}) AS impact
FROM (SELECT DISTINCT rec FROM (${BY_REC})) ALL LEFT JOIN (
  SELECT rec, sum(c) AS c FROM (
    SELECT rec, weight * greatest({{ZERO}}, exposure -
      if(certain + dcert > 0, {{HUNDRED}}, 100 * (1 - exp(logsum + dlog)))) AS c
    FROM (${DELTAS}) ALL INNER JOIN (${DEVICES}) USING id)
  GROUP BY rec) USING rec
ORDER BY impact DESC, rec`,
      'clickhouse',
    ),
  };
}
