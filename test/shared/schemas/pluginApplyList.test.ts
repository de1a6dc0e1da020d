import JSONbig from 'json-bigint';
import { WxError } from '../../../shared/errors';
import { normalizePluginApplyList } from '../../../shared/schemas/pluginApplyList';

// The public page's example applicant (docs/platform/plugin-manager.md, "What the list answers"),
// as the HTTPS answer and the cloud answer carry it.
const httpsBody = {
  errcode: 0,
  errmsg: 'ok',
  apply_list: [{
    appid: 'xxxxxxxxxxxxx', status: 1, nickname: '名称', headimgurl: '**********', reason: 'polo has gone',
    apply_url: '*******', create_time: '1536305096', categories: [{ first: 'IT科技', second: '硬件与设备' }],
  }],
};
const cloudBody = {
  errCode: 0,
  errMsg: 'openapi.pluginManager.getPluginDevApplyList:ok',
  applyList: [{
    appid: 'xxxxxxxxxxxxx', status: 1, nickname: '名称', headimgurl: '**********', reason: 'polo has gone',
    categories: [{ first: 'IT科技', second: '硬件与设备' }], applyUrl: '*******', createTime: '1536305096',
  }],
};
const expected = {
  appid: 'xxxxxxxxxxxxx', status: 1, statusLabel: 'pending', nickname: '名称', headimgurl: '**********',
  reason: 'polo has gone', applyUrl: '*******', createTime: 1536305096, categories: [{ first: 'IT科技', second: '硬件与设备' }],
};

describe('normalizePluginApplyList', () => {
  it('gives the same canonical applicant for the HTTPS (snake_case) and cloud (camelCase) answers', () => {
    expect(normalizePluginApplyList(httpsBody)).toEqual({ items: [expected], extra: {} });
    expect(normalizePluginApplyList(cloudBody)).toEqual({ items: [expected], extra: {} });
  });

  it('accepts numbers as numbers, numeric strings and json-bigint BigNumbers', () => {
    const body = JSONbig.parse('{"apply_list":[{"appid":"a","status":"3","create_time":1536305096},{"appid":"b","status":2,"create_time":"  42 "}]}');
    const { items } = normalizePluginApplyList(body);
    expect(items.map((i) => [i.status, i.statusLabel, i.createTime])).toEqual([[3, 'rejected', 1536305096], [2, 'approved', 42]]);
  });

  it('labels every documented status and keeps unknown ones with the label "unknown"', () => {
    const body = { applyList: [1, 2, 3, 4, 9].map((status) => ({ appid: `a${status}`, status })) };
    expect(normalizePluginApplyList(body).items.map((i) => [i.status, i.statusLabel])).toEqual([
      [1, 'pending'], [2, 'approved'], [3, 'rejected'], [4, 'expired'], [9, 'unknown'],
    ]);
  });

  it('keeps unknown fields, camelCased, at item and top level, with big integers exact', () => {
    const body = JSONbig.parse('{"errcode":0,"total_count":3001,"apply_list":[{"appid":"a","status":1,"apply_source":"search","apply_seq":9007199254740993}]}');
    const out = normalizePluginApplyList(body);
    expect(out.items[0]).toMatchObject({ applySource: 'search', applySeq: '9007199254740993' });
    expect(out.extra).toEqual({ totalCount: 3001 });
  });

  it('treats a missing list as empty', () => {
    expect(normalizePluginApplyList({ errcode: 0, errmsg: 'ok' }).items).toEqual([]);
  });

  it('rejects a body that breaks the documented shape with an error naming the field', () => {
    const attempt = () => normalizePluginApplyList({ apply_list: [{ appid: 'a', status: 1 }, { appid: 'b', status: 'approved' }] });
    expect(attempt).toThrow(WxError);
    try {
      attempt();
    } catch (error) {
      const body = (error as WxError).body;
      expect(body.name).toBe('UPSTREAM_INVALID_BODY');
      expect(body.issues?.[0]?.field).toBe('applyList[1].status');
      expect(body.issues?.[0]?.received).toContain('"approved"');
    }
    expect(() => normalizePluginApplyList('<html>')).toThrow(/UPSTREAM_INVALID_BODY/);
    expect(() => normalizePluginApplyList({ apply_list: [{ status: 1 }] })).toThrow(/UPSTREAM_INVALID_BODY/);
  });
});
