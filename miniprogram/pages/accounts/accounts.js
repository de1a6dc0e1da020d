// Third-party platforms: the accounts that authorized the platform (listAuthorizers), by name when
// the registry has one, else by appid; which one the other pages act for (stored on the phone,
// sent as authorizerAppid: lib/account.js, lib/cloud.js); the platform's state from componentAdmin
// status (the verify ticket's age, the platform token, the registry's counts, the last reconcile);
// and an onboarding link from componentAdmin create_link, copied to the clipboard because a Mini
// Program cannot open it.
const { t } = require('../../lib/i18n.js');
const { baseData, localizeChrome, errorView } = require('../../lib/page.js');
const { chooseAccount } = require('../../lib/account.js');
const { callFunction } = require('../../lib/cloud.js');
const { formatTime, fromSeconds, formatAge } = require('../../lib/format.js');

const PAGE = 100;
const REDIRECT_KEY = 'admin.redirectUri';
const AUTH_TYPES = ['', 1, 2, 3];

function accountView(a, chosen, lang) {
  const appid = a.authorizerAppid;
  const name = a.nickName || a.nick_name || a.nickname || a.name || '';
  const sets = [a.halfScreen ? t(lang, 'setHalfScreen') : '', a.pluginManagement ? t(lang, 'setPlugin') : ''].filter(Boolean).join(' · ');
  return {
    key: appid,
    appid,
    name: name || appid,
    named: !!name,
    headImg: a.headImg || a.head_img || a.headimg || '',
    sets,
    authorizedText: fromSeconds(a.authorizedAt),
    revoked: a.revoked === true,
    chosen: appid === chosen,
  };
}

function statusView(answer, lang) {
  const ticket = answer.ticket || {};
  const token = answer.componentToken || {};
  const counts = answer.authorizers || {};
  const last = answer.lastReconcile;
  return {
    ticketText: typeof ticket.ageSeconds === 'number' ? t(lang, 'ticketAge', { age: formatAge(ticket.ageSeconds, lang) }) : t(lang, 'ticketNone'),
    ticketStale: ticket.stale === true,
    tokenText: token.cached ? t(lang, 'tokenCached', { time: formatTime(token.expiresAt) }) : t(lang, 'tokenNotCached'),
    countsText: t(lang, 'authorizerCounts', { active: counts.active || 0, revoked: counts.revoked || 0 }),
    reconcileText: last
      ? t(lang, 'reconcileLine', Object.assign({ time: formatTime(last.at), state: t(lang, last.complete ? 'complete' : 'incomplete') }, last.counts || {}))
      : t(lang, 'reconcileNever'),
  };
}

Component({
  data: Object.assign(baseData(), {
    accounts: [],
    nextOffset: 0,
    loading: false,
    error: null,
    platform: null,
    platformLoading: false,
    platformError: null,
    redirectUri: '',
    bizAppid: '',
    authType: '',
    authTypes: [],
    link: null,
    linkError: null,
    linkLoading: false,
    notice: '',
  }),

  methods: {
    onLoad() {
      const base = baseData();
      let redirectUri = '';
      try {
        redirectUri = wx.getStorageSync(REDIRECT_KEY) || '';
      } catch (e) {
        redirectUri = '';
      }
      const authTypes = AUTH_TYPES.map((value) => ({ value, label: t(base.lang, value === '' ? 'authTypeDefault' : `authType${value}`) }));
      this.setData(Object.assign(base, { authTypes, redirectUri, actingText: this.actingText(base.account, base) }));
      localizeChrome(base.lang, 'accountsTitle');
      return Promise.all([this.load(true), this.loadPlatform()]);
    },

    onPullDownRefresh() {
      return Promise.all([this.load(true), this.loadPlatform()]).then(() => wx.stopPullDownRefresh && wx.stopPullDownRefresh());
    },

    actingText(account, base) {
      return t(base.lang, 'actingFor', { name: account || base.s.ownAccount });
    },

    async load(reset) {
      const offset = reset ? 0 : this.data.nextOffset;
      if (offset === null) return;
      this.setData({ loading: true, error: null });
      const answer = await callFunction('listAuthorizers', { offset, limit: PAGE });
      if (answer.errCode !== 0) {
        this.setData({ loading: false, error: errorView(answer, this.data.lang) });
        return;
      }
      this.raw = (reset ? [] : this.raw || []).concat(answer.authorizers || []);
      this.setData({
        loading: false,
        accounts: this.raw.map((a) => accountView(a, this.data.account, this.data.lang)),
        nextOffset: answer.paging && answer.paging.nextOffset !== undefined ? answer.paging.nextOffset : null,
      });
    },

    loadMore() {
      return this.load(false);
    },

    /** The other pages act for this account from now on (they reload when shown). */
    actFor(e) {
      const appid = e.currentTarget.dataset.appid || null;
      chooseAccount(appid);
      const base = baseData();
      this.setData({
        account: base.account,
        actingText: this.actingText(base.account, base),
        accounts: (this.raw || []).map((a) => accountView(a, base.account, this.data.lang)),
      });
    },

    async loadPlatform() {
      this.setData({ platformLoading: true, platformError: null });
      const answer = await callFunction('componentAdmin', { action: 'status' });
      if (answer.errCode !== 0) {
        this.setData({ platformLoading: false, platform: null, platformError: errorView(answer, this.data.lang) });
        return;
      }
      this.setData({ platformLoading: false, platform: statusView(answer, this.data.lang) });
    },

    onRedirectInput(e) {
      this.setData({ redirectUri: e.detail.value });
    },

    onBizAppidInput(e) {
      this.setData({ bizAppid: e.detail.value });
    },

    chooseAuthType(e) {
      const value = e.currentTarget.dataset.value;
      this.setData({ authType: value === '' || value === undefined ? '' : Number(value) });
    },

    async createLink() {
      const lang = this.data.lang;
      const redirectUri = (this.data.redirectUri || '').trim();
      if (!redirectUri) {
        this.setData({ notice: t(lang, 'redirectRequired') });
        return;
      }
      wx.setStorageSync(REDIRECT_KEY, redirectUri);
      const event = { action: 'create_link', redirectUri };
      if (this.data.authType !== '') event.authType = this.data.authType;
      const bizAppid = (this.data.bizAppid || '').trim();
      if (bizAppid) event.bizAppid = bizAppid;
      this.setData({ linkLoading: true, linkError: null, link: null, notice: '' });
      const answer = await callFunction('componentAdmin', event);
      if (answer.errCode !== 0) {
        this.setData({ linkLoading: false, linkError: errorView(answer, lang) });
        return;
      }
      this.setData({
        linkLoading: false,
        link: { pcUrl: answer.pcUrl || '', mobileUrl: answer.mobileUrl || '', expiresText: answer.expiresAt ? t(lang, 'linkExpires', { time: formatTime(answer.expiresAt) }) : '' },
      });
    },

    /** A Mini Program cannot open the platform's pages: the link goes to the clipboard for a browser. */
    copyLink(e) {
      const which = e.currentTarget.dataset.which;
      const url = this.data.link && this.data.link[which === 'mobile' ? 'mobileUrl' : 'pcUrl'];
      if (!url) return;
      wx.setClipboardData({ data: url, success: () => this.setData({ notice: t(this.data.lang, 'copied') }) });
    },
  },
});
