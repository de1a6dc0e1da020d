// The selection both list pages share: ticking rows, selecting every shown row, clearing, the
// preview (dryRun) switch, and the actions the selection offers. Mixed into a page's methods; the
// page names its actions (lib/actions.js), and a selection only ever offers the actions that apply
// to some of its rows, each counting only those rows.
const { t } = require('./i18n.js');
const { offeredActions } = require('./actions.js');

function selectionMethods(actions) {
  return {
    refreshOffers(rows) {
      const selected = rows.filter((row) => row.checked);
      const lang = this.data.lang;
      const offers = offeredActions(actions, selected).map((o) => ({ key: o.key, count: o.count, label: t(lang, o.button, { n: o.count }) }));
      this.setData({ rows, selectedCount: selected.length, selectedText: t(lang, 'selected', { n: selected.length }), offers });
    },

    toggle(e) {
      const key = e.currentTarget.dataset.key;
      this.refreshOffers(this.data.rows.map((row) => (row.key === key ? Object.assign({}, row, { checked: !row.checked }) : row)));
    },

    selectShown() {
      this.refreshOffers(this.data.rows.map((row) => Object.assign({}, row, { checked: true })));
    },

    clearSelection() {
      this.refreshOffers(this.data.rows.map((row) => Object.assign({}, row, { checked: false })));
    },

    toggleDryRun(e) {
      this.setData({ dryRun: !!e.detail.value });
    },
  };
}

module.exports = { selectionMethods };
