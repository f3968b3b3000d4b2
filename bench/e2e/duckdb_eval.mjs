// Runs policy.sql on a generated book with DuckDB (npm @duckdb/node-api, installed by
// bench/e2e/run.sh into a scratch folder): node duckdb_eval.mjs BOOK_DIR THREADS OUT_CSV
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const [bookDir, threads, out] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const sql = readFileSync(process.env.E2E_SQL ?? join(here, 'policy.sql'), 'utf8')
  .replaceAll('@POSITIONS@', join(bookDir, 'positions.csv'))
  .replaceAll('@ACCOUNTS@', join(bookDir, 'accounts.csv'))
  .replaceAll('@OUT@', out);
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
await connection.run(sql);
