// What every page does alike: the language and its strings, the account acted for, the titles
// of the navigation bar and the tab bar in the admin's language, and a failure for a template.
const { languageOf, stringsFor, t } = require('./i18n.js');
const { chosenAccount } = require('./account.js');
const { describe } = require('./errors.js');

/** Data every page starts from. */
function baseData() {
  const lang = languageOf(wx);
  return { lang, s: stringsFor(lang), account: chosenAccount() };
}

/** Titles in the admin's language; tab bar texts only exist on tab pages, so failures are ignored. */
function localizeChrome(lang, titleKey) {
  if (typeof wx.setNavigationBarTitle === 'function') wx.setNavigationBarTitle({ title: t(lang, titleKey), fail() {} });
  if (typeof wx.setTabBarItem === 'function') {
    stringsFor(lang).tabs.forEach((text, index) => wx.setTabBarItem({ index, text, fail() {} }));
  }
}

/** A failure envelope for a template (`error.message`, `error.hint`, ...), or null for success. */
function errorView(envelope, lang) {
  return envelope && envelope.errCode !== 0 ? describe(envelope, lang) : null;
}

/** wx.showModal as a promise ({confirm, cancel, content}). */
function ask(options) {
  return new Promise((resolve) => {
    wx.showModal(Object.assign({}, options, { success: resolve, fail: () => resolve({ confirm: false, cancel: true }) }));
  });
}

module.exports = { baseData, localizeChrome, errorView, ask };
