import { normalizeEmbeddedList } from '../../../shared/schemas/embeddedList';

describe('normalizeEmbeddedList', () => {
  it('normalizes the document sample (empty list, top-level embedded_flag)', () => {
    // The answer's shape in WeChat's get_own_list sample (docs/platform/half-screen.md), list empty.
    expect(normalizeEmbeddedList({ errcode: 0, errmsg: 'ok', embedded_flag: 2, wxa_embedded_list: [] })).toEqual({
      items: [], extra: {}, embeddedFlag: 2,
    });
  });

  it('reads status as a number whether it came as a number or a string, with all six labels', () => {
    const list = [1, '2', 3, '4', 5, '6', '8'].map((status, i) => ({ appid: `wx${i}`, status, create_time: 1700000000 + i, headimg: 'h', nickname: 'n', reason: 'r' }));
    const { items } = normalizeEmbeddedList({ wxa_embedded_list: list });
    expect(items.map((i) => [i.status, i.statusLabel])).toEqual([
      [1, 'pending'], [2, 'approved'], [3, 'rejected'], [4, 'timeout'], [5, 'withdrawn'], [6, 'deauthorized'], [8, 'unknown'],
    ]);
    expect(items[0]).toMatchObject({ createTime: 1700000000, headimg: 'h' });
  });

  it('keeps embedded_flag per item, with its label, only where the item carries it', () => {
    const { items, embeddedFlag } = normalizeEmbeddedList({
      wxa_embedded_list: [{ appid: 'a', status: 2, embedded_flag: 1 }, { appid: 'b', status: 2 }],
    });
    expect(embeddedFlag).toBeUndefined();
    expect(items[0]).toMatchObject({ embeddedFlag: 1, embeddedFlagLabel: 'auto-approve' });
    expect(items[1]).not.toHaveProperty('embeddedFlag');
    expect(items[1]).not.toHaveProperty('embeddedFlagLabel');
  });
});
