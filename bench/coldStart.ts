import path from 'node:path';
import type { Emulator } from '../emulator';
import { median, round } from './lib/stats';
import { timeChild } from './lib/timeChild';

export interface ColdVariant {
  name: string;
  /** Arguments to `node`. */
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface ColdResult {
  name: string;
  medianMs: number;
  minMs: number;
  medianMaxRssMb: number | null;
  /** Inside the child: node's own start-up, loading the function, the first invocation. */
  medianNodeStartMs: number | null;
  medianLoadMs: number | null;
  medianInvokeMs: number | null;
  trials: number;
}

/**
 * Every variant is a fresh `node` process; trials are interleaved (A B C A B C ...) so that
 * whatever else the machine is doing weighs on all variants alike, and medians are compared.
 */
export async function measureColdStarts(variants: ColdVariant[], trials: number, cwd: string, onProgress?: (n: number) => void): Promise<ColdResult[]> {
  const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const rss = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  const phases = new Map<string, { nodeStartMs: number[]; loadMs: number[]; invokeMs: number[] }>(
    variants.map((v) => [v.name, { nodeStartMs: [], loadMs: [], invokeMs: [] }]),
  );
  for (let i = -2; i < trials; i++) {
    for (const variant of variants) {
      const run = await timeChild(variant.args, variant.env, cwd);
      if (run.code !== 0) throw new Error(`${variant.name} exited with ${run.code}: ${run.stdout}`);
      if (run.stdout.startsWith('{')) {
        const report = JSON.parse(run.stdout) as { errCode: number; maxRssKb: number; nodeStartMs: number; loadMs: number; invokeMs: number };
        if (report.errCode !== 0) throw new Error(`${variant.name} answered errCode ${report.errCode}`);
        if (i >= 0) {
          rss.get(variant.name)!.push(report.maxRssKb / 1024);
          const p = phases.get(variant.name)!;
          p.nodeStartMs.push(report.nodeStartMs);
          p.loadMs.push(report.loadMs);
          p.invokeMs.push(report.invokeMs);
        }
      }
      if (i >= 0) times.get(variant.name)!.push(run.ms);
    }
    onProgress?.(i);
  }
  return variants.map((v) => {
    const t = times.get(v.name)!;
    const r = rss.get(v.name)!;
    const p = phases.get(v.name)!;
    const med = (xs: number[]) => (xs.length ? round(median(xs), 1) : null);
    return {
      name: v.name,
      medianMs: round(median(t), 1),
      minMs: round(Math.min(...t), 1),
      medianMaxRssMb: med(r),
      medianNodeStartMs: med(p.nodeStartMs),
      medianLoadMs: med(p.loadMs),
      medianInvokeMs: med(p.invokeMs),
      trials: t.length,
    };
  });
}

/** The floor for a function that answers over HTTP: the variant the HTTPS path's cold start is held against. */
export const FLOOR = 'bare node + one HTTP GET';

export function coldVariants(root: string, emu: Emulator, fixedToken: string, baseEnv: NodeJS.ProcessEnv): ColdVariant[] {
  const invokeOnce = path.join(root, 'bench', 'lib', 'invokeOnce.js');
  const fn = (name: string) => path.join(root, 'dist', 'functions', name, 'index.js');
  const pluginEvent = JSON.stringify({ action: 'dev_apply_list', page: 1, num: 10 });
  const ownEvent = JSON.stringify({ start: 0, num: 10 });
  const httpsEnv = { ...baseEnv, WECHAT_API_BASE_URL: emu.wechatBaseUrl };
  return [
    // `node -e 0` that also writes the line every variant is timed to.
    { name: 'bare node -e 0', args: ['-e', 'process.stdout.write("\\n")'], env: baseEnv },
    // The floor for any function that answers over HTTP: node, plus one request to the same endpoint.
    {
      name: FLOOR,
      args: ['-e', `require('http').get(${JSON.stringify(`${emu.wechatBaseUrl}/wxaapi/wxaembedded/get_own_list?access_token=${fixedToken}&start=0&num=10`)}, (r) => { r.resume(); r.on('end', () => process.stdout.write('\\n')); })`],
      env: baseEnv,
    },
    { name: 'reference (official sample, node_modules)', args: [invokeOnce, path.join(root, 'bench', 'reference', 'index.js'), pluginEvent], env: baseEnv },
    { name: 'getPluginDevApplyList (built)', args: [invokeOnce, fn('getPluginDevApplyList'), pluginEvent], env: baseEnv },
    { name: 'getOwnList (built, fixed token)', args: [invokeOnce, fn('getOwnList'), ownEvent], env: { ...httpsEnv, AUTHORIZER_ACCESS_TOKEN: fixedToken } },
    {
      name: 'getOwnList (built, third-party token from the database cache)',
      args: [invokeOnce, fn('getOwnList'), ownEvent],
      env: {
        ...httpsEnv,
        COMPONENT_APPID: emu.accounts.component.appid,
        COMPONENT_APPSECRET: emu.accounts.component.secret,
        COMPONENT_VERIFY_TICKET: emu.tokens.verifyTicket(),
        AUTHORIZER_APPID: emu.accounts.authorizer.appid,
        AUTHORIZER_REFRESH_TOKEN: emu.accounts.authorizer.refreshToken,
      },
    },
  ];
}
