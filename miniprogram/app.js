// A minimal admin Mini Program: it exists so WeChat DevTools opens this folder as a complete
// project (a project without app.json is a broken Mini Program to DevTools) and so an admin can
// call the two functions from a phone. env.js is written by `npm run build` from config.json's
// "envId"; while that is still the placeholder, the account's default environment is used.
const { envId } = require('./env.js');

App({
  onLaunch() {
    wx.cloud.init(envId ? { env: envId, traceUser: false } : { traceUser: false });
  },
});
