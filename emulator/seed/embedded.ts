import { Prng } from '../prng';
import { EMBEDDED_REASONS, NICKNAME_PREFIXES, NICKNAME_SUFFIXES } from './vocabulary';

/**
 * Seeded half-screen authorizations (`get_own_list`), snake_case as the HTTPS body carries them.
 *
 * The sources disagree on field types (docs/platform/half-screen.md, "What `get_own_list` (and
 * `get_list`) answer"), so the seed deliberately mixes the forms:
 * - `status` is a JSON number on most records and a numeric STRING where index % 3 === 1.
 * - `embedded_flag` appears per item only where index % 4 === 2 (values 0..2).
 * - `create_time` is always a number.
 * - indexes 0..5 carry statuses 1..6 in order, so every status is present even in tiny seeds.
 * - EMBEDDED_UNKNOWN_STATUS_INDEX (11): status 8, outside the documented 1..6.
 * - isEmbeddedWithExtraField(i) (9, 309, 809, 1309, ...): unknown field `source_scene` (a number).
 */

export const EMBEDDED_UNKNOWN_STATUS_INDEX = 11;
export const EMBEDDED_UNKNOWN_STATUS = 8;

export function isEmbeddedWithExtraField(index: number): boolean {
  return index === 9 || (index > 9 && index % 500 === 309);
}

export function isEmbeddedStatusString(index: number): boolean {
  return index % 3 === 1;
}

export function isEmbeddedWithItemFlag(index: number): boolean {
  return index % 4 === 2;
}

/** 2019-01-01 .. 2024-12-31, unix seconds. */
const TIME_FROM = 1546272000;
const TIME_TO = 1735603200;

export interface EmbeddedSeed {
  embeddedFlag: number;
  records: Array<Record<string, unknown>>;
}

export function generateEmbedded(seed: number, count: number): EmbeddedSeed {
  const prng = new Prng(seed ^ 0x0e3bedde);
  const embeddedFlag = prng.int(0, 2);
  const usedAppids = new Set<string>();
  const records: Array<Record<string, unknown>> = [];
  for (let index = 0; index < count; index++) {
    let appid = `wx${prng.hex(16)}`;
    while (usedAppids.has(appid)) appid = `wx${prng.hex(16)}`;
    usedAppids.add(appid);

    let status = index < 6 ? index + 1 : prng.int(1, 6);
    if (index === EMBEDDED_UNKNOWN_STATUS_INDEX) status = EMBEDDED_UNKNOWN_STATUS;
    const record: Record<string, unknown> = {
      appid,
      create_time: prng.int(TIME_FROM, TIME_TO),
      headimg: `https://wx.qlogo.cn/mmhead/${prng.urlSafe(48)}/0`,
      nickname: `${prng.pick(NICKNAME_PREFIXES)}${prng.pick(NICKNAME_SUFFIXES)}`,
      reason: prng.pick(EMBEDDED_REASONS),
      status: isEmbeddedStatusString(index) ? String(status) : status,
    };
    if (isEmbeddedWithItemFlag(index)) record.embedded_flag = prng.int(0, 2);
    if (isEmbeddedWithExtraField(index)) record.source_scene = prng.pick([1037, 1038, 1069]);
    records.push(record);
  }
  return { embeddedFlag, records };
}
