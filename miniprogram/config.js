// The admin app's settings for your account (docs/miniprogram.md, "Installing it for your account").
// envId comes from the top-level config.json "envId": npm run build writes it into env.js (null
// while it is the placeholder, meaning the account's default environment).
let built = {};
try {
  built = require('./env.js');
} catch (e) {
  built = {}; // the sources before a build: no env.js
}

module.exports = {
  envId: built.envId || null,
  // The subscribe-message template syncLists sends (its NOTIFY_TEMPLATE_ID, keywords thing1,
  // number2, time3). Empty: the Changes page says so instead of asking for a subscription.
  subscribeTemplateId: '',
  // The page a subscribe message opens: set syncLists' NOTIFY_PAGE to the same.
  notifyPage: 'pages/changes/changes',
};
