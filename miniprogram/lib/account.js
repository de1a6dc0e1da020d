// Which account the pages act for (a third-party platform manages the accounts that authorized
// it: README "Acting for an account"). Kept in the phone's storage, so every page and the next
// launch act for the same one; null means the functions' own account (no authorizerAppid sent).
const KEY = 'admin.authorizerAppid';
const APPID = /^wx[0-9a-f]{16}$/;

function chosenAccount() {
  try {
    const value = wx.getStorageSync(KEY);
    return typeof value === 'string' && APPID.test(value) ? value : null;
  } catch (e) {
    return null;
  }
}

function chooseAccount(appid) {
  if (appid === null || appid === undefined || appid === '') wx.removeStorageSync(KEY);
  else if (APPID.test(appid)) wx.setStorageSync(KEY, appid);
  else throw new Error(`not an appid: ${appid}`);
}

module.exports = { chosenAccount, chooseAccount, STORAGE_KEY: KEY };
