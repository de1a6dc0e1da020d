// Half-screen Mini Programs, for the account acted for. "Authorized": who may open this one as a
// half-screen app (the `embedded_authorizations` collection syncLists keeps), the authorization
// mode (read from getOwnList's embeddedFlag, changed with manageEmbedded set_authorize after a
// confirmation) and revoking (del_authorize: approved authorizations only, lib/actions.js).
// "Embedded": what this account applied to embed and where each application stands, asked of
// WeChat through manageEmbedded get_list.
const { t } = require('../../lib/i18n.js');
const { baseData, localizeChrome, errorView, ask } = require('../../lib/page.js');
const { listWhere, readPage, PAGE_SIZE } = require('../../lib/db.js');
const { EMBEDDED_ACTIONS, findAction, applicableRows } = require('../../lib/actions.js');
const { selectionMethods } = require('../../lib/selection.js');
const { runBulkWrite } = require('../../lib/bulk.js');
const { callFunction } = require('../../lib/cloud.js');
const { outcomeLines, summaryText } = require('../../lib/outcomes.js');
const { fromSeconds, statusText, flagText, outcomeText, appidList } = require('../../lib/format.js');

const COLLECTION = 'embedded_authorizations';
const STATUSES = ['', 1, 2, 3, 4, 5, 6];
const FLAGS = [0, 1, 2];

function rowView(doc, lang) {
  return {
    key: doc._id || doc.appid,
    appid: doc.appid,
    name: doc.nickname || doc.appid,
    status: doc.status,
    statusText: statusText('embedded', doc.status, lang),
    createText: fromSeconds(doc.createTime),
    reason: doc.reason || '',
    checked: false,
    badge: '',
  };
}

Component({
  data: Object.assign(baseData(), {
    tab: 'authorized',
    filters: [],
    status: '',
    search: '',
    rows: [],
    page: 0,
    more: false,
    loading: false,
    error: null,
    flag: null,
    flags: [],
    modeError: null,
    modeLoading: false,
    selectedCount: 0,
    offers: [],
    dryRun: false,
    busy: false,
    progressText: '',
    progressPercent: 0,
    result: null,
    embedded: [],
    embeddedNext: 0,
    embeddedLoading: false,
    embeddedError: null,
    embeddedLoaded: false,
  }),

  methods: Object.assign(selectionMethods(EMBEDDED_ACTIONS), {
    onLoad() {
      const base = baseData();
      const filters = STATUSES.map((value) => ({ value, label: value === '' ? base.s.all : statusText('embedded', value, base.lang) }));
      this.setData(Object.assign(base, { filters, actingText: t(base.lang, 'actingFor', { name: base.account || base.s.ownAccount }) }));
      localizeChrome(base.lang, 'halfscreenTitle');
      return Promise.all([this.loadMode(), this.load(true)]);
    },

    onShow() {
      const base = baseData();
      if (base.account === this.data.account) return undefined;
      this.setData({ account: base.account, actingText: t(base.lang, 'actingFor', { name: base.account || base.s.ownAccount }), embedded: [], embeddedLoaded: false });
      return Promise.all([this.loadMode(), this.load(true), this.data.tab === 'embedded' ? this.loadEmbedded(true) : null]);
    },

    chooseTab(e) {
      const tab = e.currentTarget.dataset.tab;
      this.setData({ tab });
      if (tab === 'embedded' && !this.data.embeddedLoaded) return this.loadEmbedded(true);
      return undefined;
    },

    // The authorization mode -----------------------------------------------------------------

    flagsView(current) {
      return FLAGS.map((flag) => ({ flag, label: flagText(flag, this.data.lang), on: flag === current }));
    },

    /** The account's mode is the top-level embeddedFlag of getOwnList's answer; one entry is enough. */
    async loadMode() {
      this.setData({ modeLoading: true, modeError: null });
      const answer = await callFunction('getOwnList', { start: 0, num: 1 });
      if (answer.errCode !== 0) {
        this.setData({ modeLoading: false, modeError: errorView(answer, this.data.lang), flags: this.flagsView(null) });
        return;
      }
      const flag = typeof answer.embeddedFlag === 'number' ? answer.embeddedFlag : null;
      this.setData({ modeLoading: false, flag, flags: this.flagsView(flag) });
    },

    async setMode(e) {
      const flag = Number(e.currentTarget.dataset.flag);
      const lang = this.data.lang;
      if (flag === this.data.flag || this.data.busy) return;
      const label = flagText(flag, lang);
      const answer = await ask({ title: t(lang, 'mode'), content: t(lang, 'confirmMode', { label }) });
      if (!answer.confirm) return;
      this.setData({ busy: true, progressText: t(lang, 'loading'), progressPercent: 0, result: null });
      const reply = await callFunction('manageEmbedded', { action: 'set_authorize', flag }, { write: true });
      const done = reply.errCode === 0 && reply.outcomes && reply.outcomes[0] && (reply.outcomes[0].outcome === 'changed' || reply.outcomes[0].outcome === 'unchanged');
      const result = reply.errCode === 0 ? { dryRun: false, summary: reply.summary, outcomes: reply.outcomes || [], wouldSend: [] } : null;
      this.setData({
        busy: false,
        flag: done ? flag : this.data.flag,
        flags: this.flagsView(done ? flag : this.data.flag),
        result: {
          title: done ? t(lang, 'modeChanged', { label }) : t(lang, 'resultTitle'),
          summary: result ? summaryText(result, lang) : '',
          lines: result ? outcomeLines(result, lang, {}) : [],
          error: errorView(reply, lang),
        },
      });
    },

    // Who is authorized ------------------------------------------------------------------

    async load(reset) {
      const page = reset ? 0 : this.data.page + 1;
      const seq = (this.seq = (this.seq || 0) + 1);
      this.setData(reset ? { loading: true, error: null, rows: [], more: false, selectedCount: 0, offers: [], totalText: '' } : { loading: true, error: null });
      const where = listWhere(wx.cloud.database(), { account: this.data.account, status: this.data.status, search: this.data.search });
      const answer = await readPage(COLLECTION, where, ['createTime', 'desc'], page);
      if (seq !== this.seq) return;
      if (answer.errCode !== 0) {
        this.setData({ loading: false, error: errorView(answer, this.data.lang) });
        return;
      }
      const rows = answer.rows.map((doc) => rowView(doc, this.data.lang));
      const update = { loading: false, page, rows: reset ? rows : this.data.rows.concat(rows), more: answer.rows.length === PAGE_SIZE };
      if (answer.total !== undefined) update.totalText = t(this.data.lang, 'total', { n: answer.total });
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

    /** Revokes the approved authorizations of the selection, and only those. */
    async actOnSelection(e) {
      const action = findAction(EMBEDDED_ACTIONS, e.currentTarget.dataset.action);
      const selected = this.data.rows.filter((row) => row.checked);
      const rows = applicableRows(action, selected);
      if (!action || rows.length === 0 || this.data.busy) return;
      const lang = this.data.lang;
      const dryRun = this.data.dryRun;
      const skipped = selected.length - rows.length;
      const content = [
        appidList(rows.map((r) => (r.name === r.appid ? r.appid : `${r.name} ${r.appid}`)), lang),
        skipped > 0 ? t(lang, 'notApplicable', { n: skipped }) : '',
        dryRun ? t(lang, 'confirmPreview') : '',
      ].filter(Boolean).join('\n');
      const answer = await ask({ title: t(lang, action.confirm, { n: rows.length }), content });
      if (!answer.confirm) return;
      const event = dryRun ? { action: action.action, dryRun: true } : { action: action.action };
      const names = {};
      rows.forEach((row) => (names[row.appid] = row.name === row.appid ? '' : row.name));
      this.setData({ busy: true, result: null, progressText: t(lang, 'progress', { done: 0, total: rows.length }), progressPercent: 0 });
      const result = await runBulkWrite({
        fn: action.fn,
        event,
        appids: rows.map((row) => row.appid),
        onProgress: ({ done, total }) => this.setData({ progressText: t(lang, 'progress', { done, total }), progressPercent: Math.round((done * 100) / total) }),
      });
      const outcomeOf = {};
      result.outcomes.forEach((o) => (outcomeOf[o.appid] = o.outcome));
      this.setData({
        busy: false,
        result: {
          title: result.dryRun ? t(lang, 'previewTitle') : t(lang, 'resultTitle'),
          summary: result.dryRun ? '' : summaryText(result, lang),
          lines: outcomeLines(result, lang, names),
          error: errorView(result.error, lang),
        },
      });
      if (!result.dryRun) {
        this.refreshOffers(this.data.rows.map((row) => (outcomeOf[row.appid] ? Object.assign({}, row, { checked: false, badge: `${t(lang, 'revoke')}: ${outcomeText(outcomeOf[row.appid], lang)}` }) : row)));
      }
    },

    closeResult() {
      this.setData({ result: null });
    },

    // What this account applied to embed ------------------------------------------------------

    async loadEmbedded(reset) {
      const start = reset ? 0 : this.data.embeddedNext;
      if (start === null || this.data.embeddedLoading) return;
      this.setData({ embeddedLoading: true, embeddedError: null });
      const answer = await callFunction('manageEmbedded', { action: 'get_list', start, num: PAGE_SIZE });
      if (answer.errCode !== 0) {
        this.setData({ embeddedLoading: false, embeddedLoaded: true, embeddedError: errorView(answer, this.data.lang) });
        return;
      }
      const rows = (answer.embedded || []).map((doc) => rowView(doc, this.data.lang));
      this.setData({
        embeddedLoading: false,
        embeddedLoaded: true,
        embedded: reset ? rows : this.data.embedded.concat(rows),
        embeddedNext: answer.paging && answer.paging.nextStart !== undefined ? answer.paging.nextStart : null,
      });
    },

    loadMoreEmbedded() {
      return this.loadEmbedded(false);
    },
  }),
});
