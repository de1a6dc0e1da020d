// The change log syncLists records (`list_changes`), newest first, and the page a subscribe
// message opens (config.js notifyPage = syncLists' NOTIFY_PAGE). The changes the message was
// about are shown first and marked (lib/changes.js says what the query must carry to name them);
// changes newer than the admin's last visit are marked "new". The subscribe button asks WeChat for
// one more message (each accepted request allows one).
const config = require('../../config.js');
const { t } = require('../../lib/i18n.js');
const { baseData, localizeChrome, errorView } = require('../../lib/page.js');
const { readPage, readWhere, PAGE_SIZE } = require('../../lib/db.js');
const { messageTarget, targetWhere, changeView, lastSeen, markSeen, openedFromMessage } = require('../../lib/changes.js');

const COLLECTION = 'list_changes';
const LISTS = ['', 'plugin', 'embedded'];

/** A query a running app received in App.onShow (a message opened it while it ran), taken once. */
function takeEnterQuery() {
  if (typeof getApp !== 'function') return null;
  const app = getApp();
  const query = app && app.globalData && app.globalData.enterQuery;
  if (query) app.globalData.enterQuery = null;
  return query || null;
}

Component({
  data: Object.assign(baseData(), {
    filters: [],
    list: '',
    rows: [],
    page: 0,
    more: false,
    loading: false,
    error: null,
    highlighted: [],
    highlightNote: '',
    highlightError: null,
    subscribeNote: '',
    subscribeConfigured: false,
  }),

  methods: {
    onLoad(query) {
      const base = baseData();
      const filters = LISTS.map((value) => ({ value, label: value === '' ? base.s.all : t(base.lang, value === 'plugin' ? 'listPlugin' : 'listEmbedded') }));
      this.seenAt = lastSeen();
      this.setData(Object.assign(base, {
        filters,
        actingText: t(base.lang, 'actingFor', { name: base.account || base.s.ownAccount }),
        subscribeConfigured: !!config.subscribeTemplateId,
        subscribeNote: config.subscribeTemplateId ? '' : t(base.lang, 'subscribeNoTemplate'),
      }));
      localizeChrome(base.lang, 'changesTitle');
      const target = messageTarget(query) || messageTarget(takeEnterQuery());
      if (!target && openedFromMessage()) this.setData({ highlightNote: t(base.lang, 'messageWithoutId') });
      return Promise.all([this.load(true), target ? this.loadTarget(target) : null]);
    },

    onShow() {
      const target = messageTarget(takeEnterQuery());
      const base = baseData();
      const work = [];
      if (target) work.push(this.loadTarget(target));
      if (base.account !== this.data.account) {
        this.setData({ account: base.account, actingText: t(base.lang, 'actingFor', { name: base.account || base.s.ownAccount }) });
        work.push(this.load(true));
      }
      return Promise.all(work);
    },

    onPullDownRefresh() {
      return this.load(true).then(() => wx.stopPullDownRefresh && wx.stopPullDownRefresh());
    },

    where() {
      const where = {};
      if (this.data.account) where.account = this.data.account;
      if (this.data.list) where.list = this.data.list;
      return where;
    },

    async load(reset) {
      const page = reset ? 0 : this.data.page + 1;
      const seq = (this.seq = (this.seq || 0) + 1);
      this.setData(reset ? { loading: true, error: null, rows: [], more: false } : { loading: true, error: null });
      const answer = await readPage(COLLECTION, this.where(), ['at', 'desc'], page);
      if (seq !== this.seq) return;
      if (answer.errCode !== 0) {
        this.setData({ loading: false, error: errorView(answer, this.data.lang) });
        return;
      }
      const marked = {};
      this.data.highlighted.forEach((row) => (marked[row.key] = true));
      const rows = answer.rows.map((doc) => changeView(doc, this.data.lang, this.seenAt, marked[doc._id]));
      this.setData({ loading: false, page, rows: reset ? rows : this.data.rows.concat(rows), more: answer.rows.length === PAGE_SIZE });
      if (page === 0 && answer.rows.length > 0 && !this.data.list) markSeen(answer.rows[0].at);
    },

    loadMore() {
      if (this.data.more && !this.data.loading) return this.load(false);
      return undefined;
    },

    filterList(e) {
      this.setData({ list: e.currentTarget.dataset.list || '' });
      return this.load(true);
    },

    /** The changes a message was about, shown first and marked in the log below. */
    async loadTarget(target) {
      const lang = this.data.lang;
      const answer = await readWhere(COLLECTION, targetWhere(target), ['at', 'desc']);
      if (answer.errCode !== 0) {
        this.setData({ highlightError: errorView(answer, lang) });
        return;
      }
      const highlighted = answer.rows.map((doc) => changeView(doc, lang, this.seenAt, true));
      const marked = {};
      highlighted.forEach((row) => (marked[row.key] = true));
      this.setData({
        highlighted,
        highlightError: null,
        highlightNote: highlighted.length === 0 ? t(lang, 'messageNotFound') : '',
        rows: this.data.rows.map((row) => (marked[row.key] ? Object.assign({}, row, { highlight: true }) : row)),
      });
    },

    /** Asks for one subscribe message; must run straight from the tap (WeChat requires a gesture). */
    subscribe() {
      const lang = this.data.lang;
      const id = config.subscribeTemplateId;
      if (!id) {
        this.setData({ subscribeNote: t(lang, 'subscribeNoTemplate') });
        return;
      }
      wx.requestSubscribeMessage({
        tmplIds: [id],
        success: (res) => {
          const key = { accept: 'subscribeAccept', reject: 'subscribeReject', ban: 'subscribeBan', filter: 'subscribeFilter' }[res[id]];
          this.setData({ subscribeNote: key ? t(lang, key) : t(lang, 'subscribeFailed', { errMsg: String(res[id]) }) });
        },
        fail: (err) => this.setData({ subscribeNote: t(lang, 'subscribeFailed', { errMsg: (err && err.errMsg) || String(err) }) }),
      });
    },
  },
});
