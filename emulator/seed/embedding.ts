import { Prng } from '../prng';
import { EMBEDDED_REASONS, NICKNAME_PREFIXES, NICKNAME_SUFFIXES } from './vocabulary';

/**
 * Seeded Mini Programs this account embeds (`get_list`): a handful (a Mini Program may embed at
 * most 10), statuses 2 (approved), 1 (pending), 3 (rejected), 2, 2 ... as numbers, as the
 * get_list sample carries them.
 */
export function generateEmbedding(seed: number, count: number): Array<Record<string, unknown>> {
  const prng = new Prng(seed ^ 0x0e3be11d);
  const statuses = [2, 1, 3];
  const records: Array<Record<string, unknown>> = [];
  for (let index = 0; index < count; index++) {
    records.push({
      appid: `wx${prng.hex(16)}`,
      create_time: prng.int(1546272000, 1735603200),
      headimg: `https://wx.qlogo.cn/mmhead/${prng.urlSafe(48)}/0`,
      nickname: `${prng.pick(NICKNAME_PREFIXES)}${prng.pick(NICKNAME_SUFFIXES)}`,
      reason: prng.pick(EMBEDDED_REASONS),
      status: statuses[index] ?? 2,
    });
  }
  return records;
}
