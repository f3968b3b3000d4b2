-- policies/us_uncleared_margin.collat as one DuckDB query (bench/e2e): account totals and outputs
-- of a generated book (generate.py) in integer cents. Money is exact here because the generator's
-- values never make a rounding tie: a converted market value is market_value x 100, 108 or 125
-- cents, a haircut rate is a whole number of per-mille R, and the adjusted value is
-- round(cents x (1000 - R) / 1000), which is what collat's half-even quantisation gives.
-- @POSITIONS@, @ACCOUNTS@ and @OUT@ are file paths filled in by duckdb_eval.mjs.
COPY (
WITH
pos AS (
  SELECT * FROM read_csv('@POSITIONS@', header = true, auto_detect = false, columns = {
    'account': 'VARCHAR', 'id': 'VARCHAR', 'asset_class': 'VARCHAR', 'issuer': 'VARCHAR',
    'currency': 'VARCHAR', 'maturity': 'DATE', 'index': 'VARCHAR', 'investment_grade': 'BOOLEAN',
    'affiliate_of_poster': 'BOOLEAN', 'quantity': 'DOUBLE', 'market_value': 'BIGINT',
    'funding_rate': 'VARCHAR'})
),
acc AS (
  SELECT id AS account,
         requirement * 100 AS req,
         coalesce(independent_amount, 0) * 100 AS ia,
         coalesce(threshold, 0) * 100 AS thr,
         coalesce(mta, 500000) * 100 AS mta,
         coalesce(rounding, 10000) * 100 AS rnd
  FROM read_csv('@ACCOUNTS@', header = true, auto_detect = false, columns = {
    'id': 'VARCHAR', 'requirement': 'BIGINT', 'independent_amount': 'BIGINT',
    'threshold': 'BIGINT', 'mta': 'BIGINT', 'rounding': 'BIGINT'})
),
valued AS (
  SELECT account, issuer, asset_class,
    market_value * CASE currency WHEN 'USD' THEN 100 WHEN 'EUR' THEN 108 ELSE 125 END AS mv,
    asset_class IN ('sovereign', 'mdb', 'gse_backed') AS government_like,
    maturity, investment_grade, "index" AS equity_index, coalesce(affiliate_of_poster, false) AS affiliate,
    currency <> 'USD' AS foreign_ccy
  FROM pos
),
decided AS (
  SELECT *,
    CASE
      WHEN affiliate OR (maturity IS NOT NULL AND maturity <= DATE '2026-03-31') THEN 'ineligible'
      WHEN asset_class IN ('gse_other', 'public_debt') AND investment_grade IS NULL THEN 'unknown'
      WHEN asset_class IN ('gse_other', 'public_debt') AND NOT investment_grade THEN 'ineligible'
      WHEN (government_like OR asset_class IN ('gse_other', 'public_debt')) AND maturity IS NULL
        THEN 'unknown'
      ELSE 'eligible'
    END AS status,
    CASE
      WHEN asset_class = 'cash' THEN 0
      WHEN government_like THEN CASE WHEN maturity < DATE '2027-03-31' THEN 5
                                     WHEN maturity <= DATE '2031-03-31' THEN 20 ELSE 40 END
      WHEN asset_class IN ('gse_other', 'public_debt') THEN
        CASE WHEN maturity < DATE '2027-03-31' THEN 10
             WHEN maturity <= DATE '2031-03-31' THEN 40 ELSE 80 END
      WHEN asset_class = 'equity' AND equity_index = 'sp500' THEN 150
      WHEN asset_class = 'equity' THEN 250
      WHEN asset_class = 'gold' THEN 150
      ELSE 0
    END + CASE WHEN foreign_ccy THEN 80 ELSE 0 END AS rate_permille
  FROM valued
),
adjusted AS (
  SELECT *,
    CASE WHEN status = 'eligible' THEN (mv * (1000 - rate_permille) + 500) // 1000 ELSE 0 END AS adj
  FROM decided
),
issuer_groups AS (
  SELECT a.account, bool_or(asset_class = 'equity') AS equity, sum(adj) AS used
  FROM adjusted a
  WHERE status = 'eligible' AND asset_class NOT IN ('cash', 'sovereign')
  GROUP BY a.account, issuer
),
issuer_excess AS (
  SELECT g.account,
         sum(greatest(0, used - acc.req * 25 // 100)) AS excess,
         sum(CASE WHEN equity THEN greatest(0, used - acc.req * 25 // 100) ELSE 0 END) AS equity_excess
  FROM issuer_groups g JOIN acc USING (account)
  GROUP BY g.account
),
totals AS (
  SELECT account,
    sum(mv) AS gross_value,
    sum(CASE WHEN status = 'eligible' THEN mv ELSE 0 END) AS eligible_mv,
    sum(CASE WHEN status = 'ineligible' THEN mv ELSE 0 END) AS ineligible_mv,
    sum(CASE WHEN status = 'unknown' THEN mv ELSE 0 END) AS unknown_mv,
    sum(adj) AS eligible_value,
    sum(CASE WHEN asset_class = 'equity' THEN adj ELSE 0 END) AS equity_value
  FROM adjusted GROUP BY account
),
limited AS (
  SELECT t.*, acc.req, acc.ia, acc.thr, acc.mta, acc.rnd,
    coalesce(e.excess, 0) + greatest(0, t.equity_value - coalesce(e.equity_excess, 0)
                                        - acc.req * 40 // 100) AS concentration_excess
  FROM totals t JOIN acc USING (account) LEFT JOIN issuer_excess e USING (account)
),
outputs AS (
  SELECT *, eligible_value - concentration_excess AS collateral_value,
    greatest(0, req + ia - thr) AS credit_support
  FROM limited
)
SELECT account, gross_value, eligible_value, eligible_mv - eligible_value AS haircut_value,
  concentration_excess, collateral_value, eligible_mv, ineligible_mv, unknown_mv,
  0 AS rejected_mv, credit_support,
  CASE WHEN credit_support - collateral_value <= 0 OR credit_support - collateral_value < mta
       THEN 0 ELSE (credit_support - collateral_value + rnd - 1) // rnd * rnd END AS delivery,
  CASE WHEN collateral_value - credit_support <= 0 OR collateral_value - credit_support < mta
       THEN 0 ELSE (collateral_value - credit_support) // rnd * rnd END AS return_amount,
  (CASE WHEN credit_support - collateral_value <= 0 OR credit_support - collateral_value < mta
        THEN 0 ELSE 1 END) = 0 AND collateral_value < credit_support AS under_mta_shortfall
FROM outputs ORDER BY account
) TO '@OUT@' (HEADER, DELIMITER ',');
