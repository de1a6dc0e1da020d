import path from 'node:path';
import { median, percentile, round } from './lib/stats';

type Main = (event: unknown, context: unknown) => Promise<{ errCode: number }>;

export interface WarmResult {
  pairs: number;
  rawMedianMs: number;
  oursMedianMs: number;
  /** Median of the per-pair differences (ours - raw): the overhead per invocation. */
  overheadMedianMs: number;
  overheadP90Ms: number;
}

/**
 * Warm overhead per invocation, for a 100-item page: the built function's `main` against a raw
 * `cloud.openapi.pluginManager.getPluginDevApplyList` call through wx-server-sdk, both warm, to
 * the same emulator, alternated call by call; the overhead is the median paired difference.
 */
export async function measureWarmOverhead(root: string, pairs: number): Promise<WarmResult> {
  // Required by path: the project's own copy of the SDK, resolved from `root`.
  const cloud = require(require.resolve('wx-server-sdk', { paths: [root] }));
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  // Required by path: the built function, as the platform loads it.
  const main = require(path.join(root, 'dist', 'functions', 'getPluginDevApplyList', 'index.js')).main as Main;
  const event = { action: 'dev_apply_list', page: 2, num: 100 };
  const raw = () => cloud.openapi.pluginManager.getPluginDevApplyList(event) as Promise<{ applyList: unknown[] }>;
  const ours = () => main(event, { time_limit_in_ms: 10_000 });

  for (let i = 0; i < 20; i++) {
    await raw();
    await ours();
  }
  const rawMs: number[] = [];
  const oursMs: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    // Alternate which goes first, so neither always benefits from the other's warm-up.
    const order = i % 2 === 0 ? [raw, ours] : [ours, raw];
    const t: number[] = [];
    for (const call of order) {
      const started = process.hrtime.bigint();
      const result = (await call()) as { errCode?: number; applyList?: unknown[] };
      t.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (result.errCode !== 0) throw new Error(`warm call failed: ${JSON.stringify(result).slice(0, 200)}`);
    }
    const [rawT, oursT] = i % 2 === 0 ? [t[0]!, t[1]!] : [t[1]!, t[0]!];
    rawMs.push(rawT);
    oursMs.push(oursT);
    diffs.push(oursT - rawT);
  }
  return {
    pairs,
    rawMedianMs: round(median(rawMs), 3),
    oursMedianMs: round(median(oursMs), 3),
    overheadMedianMs: round(median(diffs), 3),
    overheadP90Ms: round(percentile(diffs, 90), 3),
  };
}
