import { Prng } from '../prng';
import { APPLY_REASONS, CATEGORIES, NICKNAME_PREFIXES, NICKNAME_SUFFIXES } from './vocabulary';

/**
 * Seeded plugin applicants (`dev_apply_list`), snake_case as the HTTPS body carries them.
 *
 * Deliberate oddities, by index (only where index < count):
 * - 0: exactly the public page's example applicant (docs/platform/plugin-manager.md, "What the
 *   list answers").
 * - APPLICANT_BIG_INTEGER_INDEX (3): extra field `apply_seq` = 9007199254740993 (2^53 + 1),
 *   held here as a native bigint and written into the body text as a bare integer literal,
 *   so json-bigint in the SDK yields a BigNumber.
 * - isApplicantWithExtraField(i) (5, 205, 605, 1005, ...): unknown extra field `apply_source`.
 * - applicantUnknownStatus(i) (7 -> 5, 1507 -> 9, 3007 -> 5, ...): a status outside 1..4.
 * - 1..8: statuses cycle 2,3,4,1,2,... (index 7 then overridden to 5) so statuses 1..4 all show on page 1.
 */

export const DOCUMENT_EXAMPLE_APPLICANT: Readonly<Record<string, unknown>> = Object.freeze({
  appid: 'xxxxxxxxxxxxx',
  status: 1,
  nickname: '名称',
  headimgurl: '**********',
  reason: 'polo has gone',
  apply_url: '*******',
  create_time: '1536305096',
  categories: [{ first: 'IT科技', second: '硬件与设备' }],
});

export const APPLICANT_BIG_INTEGER_INDEX = 3;
export const APPLICANT_BIG_INTEGER = 9007199254740993n;

export function isApplicantWithExtraField(index: number): boolean {
  return index === 5 || (index > 5 && index % 400 === 205);
}

/** The unknown status a record carries, or undefined for an ordinary record. */
export function applicantUnknownStatus(index: number): number | undefined {
  if (index % 1500 !== 7) return undefined;
  return Math.floor(index / 1500) % 2 === 0 ? 5 : 9;
}

const APPLY_SOURCES = ['plugin_market', 'search', 'share_link'] as const;
/** 2018-01-01 .. 2024-12-31, unix seconds. */
const TIME_FROM = 1514736000;
const TIME_TO = 1735603200;

export function generateApplicants(seed: number, count: number): Array<Record<string, unknown>> {
  const prng = new Prng(seed ^ 0x5a17c0de);
  const records: Array<Record<string, unknown>> = [];
  const usedAppids = new Set<string>([String(DOCUMENT_EXAMPLE_APPLICANT.appid)]);
  for (let index = 0; index < count; index++) {
    if (index === 0) {
      records.push(structuredClone({ ...DOCUMENT_EXAMPLE_APPLICANT }));
      continue;
    }
    let appid = `wx${prng.hex(16)}`;
    while (usedAppids.has(appid)) appid = `wx${prng.hex(16)}`;
    usedAppids.add(appid);

    let status = index <= 8 ? (index % 4) + 1 : prng.int(1, 4);
    status = applicantUnknownStatus(index) ?? status;
    const categoryCount = prng.int(1, 3);
    const categories: Array<{ first: string; second: string }> = [];
    for (let c = 0; c < categoryCount; c++) {
      const category = prng.pick(CATEGORIES);
      if (!categories.some((known) => known.second === category.second)) categories.push({ ...category });
    }
    const record: Record<string, unknown> = {
      appid,
      status,
      nickname: `${prng.pick(NICKNAME_PREFIXES)}${prng.pick(NICKNAME_SUFFIXES)}`,
      headimgurl: `https://mmbiz.qpic.cn/mmbiz_png/${prng.urlSafe(40)}/0?wx_fmt=png`,
      reason: prng.pick(APPLY_REASONS),
      apply_url: `https://mmbiz.qpic.cn/mmbiz_jpg/${prng.urlSafe(40)}/0?wx_fmt=jpeg`,
      create_time: String(prng.int(TIME_FROM, TIME_TO)),
      categories,
    };
    if (index === APPLICANT_BIG_INTEGER_INDEX) record.apply_seq = APPLICANT_BIG_INTEGER;
    if (isApplicantWithExtraField(index)) record.apply_source = prng.pick(APPLY_SOURCES);
    records.push(record);
  }
  return records;
}
