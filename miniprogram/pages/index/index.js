// Calls getPluginDevApplyList or getOwnList and shows one page of the answer. Only callers whose
// OPENID is in ADMIN_OPENIDS get a list; others see the -910002 error and its hint.
const LISTS = {
  applicants: { name: 'getPluginDevApplyList', items: 'applicants', first: { action: 'dev_apply_list', page: 1, num: 20 } },
  authorizations: { name: 'getOwnList', items: 'authorizations', first: { start: 0, num: 20 } },
};

Page({
  data: { list: 'applicants', rows: [], error: '', next: null, loading: false },

  onLoad() {
    this.load(LISTS.applicants.first);
  },

  choose(e) {
    this.setData({ list: e.currentTarget.dataset.list, rows: [] });
    this.load(LISTS[e.currentTarget.dataset.list].first);
  },

  more() {
    if (this.data.next) this.load(this.data.next);
  },

  async load(event) {
    const spec = LISTS[this.data.list];
    this.setData({ loading: true, error: '' });
    try {
      const { result } = await wx.cloud.callFunction({ name: spec.name, data: event });
      if (result.errCode !== 0) {
        this.setData({ error: `${result.errCode} ${result.error.message.en}\n${result.error.hint || ''}`, next: null });
        return;
      }
      const paging = result.paging;
      // A full page may be the last one: the next request then answers an empty page.
      const next = paging.nextPage ? { ...event, page: paging.nextPage } : paging.nextStart != null ? { ...event, start: paging.nextStart } : null;
      const rows = result[spec.items].map((item) => ({ key: `${item.appid}-${item.createTime}`, title: item.nickname || item.appid, status: item.statusLabel, appid: item.appid }));
      this.setData({ rows: this.data.rows.concat(rows), next });
    } catch (error) {
      this.setData({ error: String(error && error.errMsg ? error.errMsg : error) });
    } finally {
      this.setData({ loading: false });
    }
  },
});
