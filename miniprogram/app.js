// The admin app (docs/miniprogram.md). wx.cloud.init names the environment from config.js (the
// top-level config.json "envId", written into env.js by npm run build); without one, the
// account's default environment. A subscribe message that opens the Changes page while the app
// is already running reaches App.onShow, not the page's onLoad: its query is kept for the page.
const config = require('./config.js');

App({
  globalData: { enterQuery: null },

  onLaunch() {
    wx.cloud.init(config.envId ? { env: config.envId, traceUser: false } : { traceUser: false });
  },

  onShow(options) {
    if (options && options.path === config.notifyPage && options.query && Object.keys(options.query).length > 0) {
      this.globalData.enterQuery = options.query;
    }
  },
});
