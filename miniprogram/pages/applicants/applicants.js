// Plugin applicants: the list syncLists keeps in `plugin_applicants` (read straight from the
// database, admins-only rule), filtered by status and searched by appid or name; a detail sheet
// with the reason and categories; approve, refuse (with a reason) and delete, for one applicant
// or a selection. A selection only offers, confirms and sends the applicants an action applies
// to (lib/actions.js); every answer is shown per account, a preview (dryRun) as what would be sent.
const { t } = require('../../lib/i18n.js');
const { baseData, localizeChrome, errorView, ask } = require('../../lib/page.js');
const { listWhere, readPage, PAGE_SIZE } = require('../../lib/db.js');
const { PLUGIN_ACTIONS, findAction, applicableRows, rowActions, reasonProblem } = require('../../lib/actions.js');
const { selectionMethods } = require('../../lib/selection.js');
const { runBulkWrite } = require('../../lib/bulk.js');
const { callFunction } = require('../../lib/cloud.js');
const { outcomeLines, summaryText } = require('../../lib/outcomes.js');
const { fromSeconds, statusText, outcomeText, appidList } = require('../../lib/format.js');

const COLLECTION = 'plugin_applicants';
const STATUSES = ['', 1, 2, 3, 4];

function rowView(doc, lang) {
  return {
    key: doc._id || doc.appid,
    appid: doc.appid,
    account: doc.account || '',
    name: doc.nickname || doc.appid,
    status: doc.status,
    statusText: statusText('plugin', doc.status, lang),
    createText: fromSeconds(doc.createTime),
    reason: doc.reason || '',
    categories: (doc.categories || []).map((c) => [c.first, c.second].filter(Boolean).join(' / ')),
    applyUrl: doc.applyUrl || '',
    checked: false,
    badge: '',
  };
}

Component({
  data: Object.assign(baseData(), {
    filters: [],
    status: '',
    search: '',
    rows: [],
    page: 0,
    total: null,
    more: false,
    loading: false,
    error: null,
    selectedCount: 0,
    offers: [],
    dryRun: false,
    detail: null,
    detailActions: [],
    busy: false,
    progressText: '',
    progressPercent: 0,
    result: null,
    notice: '',
  }),

  methods: Object.assign(selectionMethods(PLUGIN_ACTIONS), {
    onLoad() {
      const base = baseData();
      const filters = STATUSES.map((value) => ({ value, label: value === '' ? base.s.all : statusText('plugin', value, base.lang) }));
      this.setData(Object.assign(base, { filters, actingText: this.actingText(base) }));
      localizeChrome(base.lang, 'applicantsTitle');
      return this.load(true);
    },

    /** Back from the Accounts page with another account chosen: the list is another account's. */
    onShow() {
      const base = baseData();
      if (base.account !== this.data.account) {
        this.setData({ account: base.account, actingText: this.actingText(base) });
        return this.load(true);
      }
      return undefined;
    },

    onPullDownRefresh() {
      return this.load(true).then(() => wx.stopPullDownRefresh && wx.stopPullDownRefresh());
    },

    actingText(base) {
      return t(base.lang, 'actingFor', { name: base.account || base.s.ownAccount });
    },

    async load(reset) {
      const page = reset ? 0 : this.data.page + 1;
      const seq = (this.seq = (this.seq || 0) + 1);
      this.setData(reset ? { loading: true, error: null, rows: [], total: null, more: false, selectedCount: 0, offers: [] } : { loading: true, error: null });
      const where = listWhere(wx.cloud.database(), { account: this.data.account, status: this.data.status, search: this.data.search });
      const answer = await readPage(COLLECTION, where, ['createTime', 'desc'], page);
      if (seq !== this.seq) return; // a newer filter or search replaced this read
      if (answer.errCode !== 0) {
        this.setData({ loading: false, error: errorView(answer, this.data.lang) });
        return;
      }
      const rows = answer.rows.map((doc) => rowView(doc, this.data.lang));
      const update = { loading: false, page, rows: reset ? rows : this.data.rows.concat(rows), more: answer.rows.length === PAGE_SIZE };
      if (answer.total !== undefined) {
        update.total = answer.total;
        update.totalText = t(this.data.lang, 'total', { n: answer.total });
      }
      this.setData(update);
    },

    loadMore() {
      if (this.data.more && !this.data.loading) return this.load(false);
      return undefined;
    },

    filterStatus(e) {
      const value = e.currentTarget.dataset.status;
      this.setData({ status: value === '' || value === undefined ? '' : Number(value) });
      return this.load(true);
    },

    onSearchInput(e) {
      this.setData({ search: e.detail.value });
    },

    runSearch() {
      return this.load(true);
    },

    // Selection ----------------------------------------------------------------------------

    selectedRows() {
      return this.data.rows.filter((row) => row.checked);
    },

    actOnSelection(e) {
      const action = findAction(PLUGIN_ACTIONS, e.currentTarget.dataset.action);
      const selected = this.selectedRows();
      return this.act(action, applicableRows(action, selected), selected.length);
    },

    // Detail -------------------------------------------------------------------------------

    openDetail(e) {
      const row = this.data.rows.filter((r) => r.key === e.currentTarget.dataset.key)[0];
      if (!row) return;
      const lang = this.data.lang;
      const detailActions = rowActions(PLUGIN_ACTIONS, row).map((a) => ({ key: a.key, label: t(lang, a.key) }));
      this.setData({ detail: row, detailActions });
    },

    /** Taps inside the sheet stay there (catchtap); a tap outside closes it. */
    noop() {},

    closeDetail() {
      this.setData({ detail: null, detailActions: [] });
    },

    actOnDetail(e) {
      const action = findAction(PLUGIN_ACTIONS, e.currentTarget.dataset.action);
      const row = this.data.detail;
      this.closeDetail();
      return this.act(action, applicableRows(action, [row]), 1);
    },

    previewImage() {
      if (this.data.detail && this.data.detail.applyUrl) wx.previewImage({ urls: [this.data.detail.applyUrl] });
    },

    // Acting -------------------------------------------------------------------------------

    /** Confirms, sends in batches with progress, and shows one line per account. */
    async act(action, rows, selectedCount) {
      if (!action || rows.length === 0 || this.data.busy) return;
      const lang = this.data.lang;
      const dryRun = this.data.dryRun;
      const names = {};
      rows.forEach((row) => (names[row.appid] = row.name === row.appid ? '' : row.name));
      const appids = rows.map((row) => row.appid);
      const skipped = selectedCount - rows.length;
      const title = t(lang, action.confirm, { n: rows.length });
      const notes = [skipped > 0 ? t(lang, 'notApplicable', { n: skipped }) : '', dryRun ? t(lang, 'confirmPreview') : ''].filter(Boolean).join('\n');

      const event = { action: action.action };
      if (action.needsReason) {
        const answer = await ask({ title, editable: true, placeholderText: t(lang, 'refusePlaceholder'), content: '' });
        if (!answer.confirm) return;
        const problem = reasonProblem(answer.content);
        if (problem) {
          this.setData({ notice: t(lang, problem.key, problem.params) });
          if (wx.showToast) wx.showToast({ title: t(lang, problem.key, problem.params), icon: 'none' });
          return;
        }
        event.reason = answer.content.trim();
      } else {
        const answer = await ask({ title, content: [appidList(rows.map((r) => r.name === r.appid ? r.appid : `${r.name} ${r.appid}`), lang), notes].filter(Boolean).join('\n') });
        if (!answer.confirm) return;
      }
      if (dryRun) event.dryRun = true;

      this.setData({ busy: true, notice: '', result: null, progressText: t(lang, 'progress', { done: 0, total: appids.length }), progressPercent: 0 });
      const result = await runBulkWrite({
        fn: action.fn,
        event,
        appids,
        onProgress: ({ done, total }) => this.setData({ progressText: t(lang, 'progress', { done, total }), progressPercent: Math.round((done * 100) / total) }),
      });
      const outcomeOf = {};
      result.outcomes.forEach((o) => (outcomeOf[o.appid] = o.outcome));
      const rowsAfter = this.data.rows.map((row) =>
        outcomeOf[row.appid] ? Object.assign({}, row, { checked: false, badge: `${t(lang, action.key)}: ${outcomeText(outcomeOf[row.appid], lang)}` }) : row,
      );
      this.setData({
        busy: false,
        result: {
          title: result.dryRun ? t(lang, 'previewTitle') : t(lang, 'resultTitle'),
          summary: result.dryRun ? '' : summaryText(result, lang),
          lines: outcomeLines(result, lang, names),
          error: errorView(result.error, lang),
        },
      });
      if (!result.dryRun) this.refreshOffers(rowsAfter);
    },

    closeResult() {
      this.setData({ result: null });
    },

    /** Runs syncLists now, so the list shows what the actions changed without waiting for the timer. */
    async syncNow() {
      if (this.data.busy) return;
      const lang = this.data.lang;
      this.setData({ busy: true, progressText: t(lang, 'loading'), progressPercent: 0, error: null, notice: '' });
      const answer = await callFunction('syncLists', {});
      this.setData({ busy: false });
      if (answer.errCode !== 0) {
        this.setData({ error: errorView(answer, lang) });
        return;
      }
      this.setData({ notice: t(lang, 'syncDone', { lists: (answer.lists || []).length }) });
      await this.load(true);
    },
  }),
});
