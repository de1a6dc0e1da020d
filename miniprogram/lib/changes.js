// The change log (`list_changes`, one document per change syncLists found, README "What the lists
// look like") as the Changes page shows it, and which changes a subscribe message was about.
//
// A message is one pass of one list of one account (its notification ids are
// `subscribe:<passId>:<list>:<account>:<openid>`), so `passId` with `list` and `account`
// names its changes; `changeId` (a document's _id) names one. A message that carries neither
// names nothing: the page then marks what is newer than the admin's last visit.
const { t } = require('./i18n.js');
const { formatTime, statusText, kindText } = require('./format.js');

const SEEN_KEY = 'admin.changesSeenAt';
/** Subscribe messages open a Mini Program with scene 1014 (and 1107 on some clients). */
const MESSAGE_SCENES = [1014, 1107];

/** What a page query names: { changeId } or { passId, list?, account? }, or null. */
function messageTarget(query) {
  const q = query || {};
  if (q.changeId) return { changeId: String(q.changeId) };
  if (q.passId) {
    const target = { passId: String(q.passId) };
    if (q.list === 'plugin' || q.list === 'embedded') target.list = q.list;
    if (q.account) target.account = String(q.account);
    return target;
  }
  return null;
}

/** The `where` reading a message's changes. */
function targetWhere(target) {
  if (target.changeId) return { _id: target.changeId };
  const where = { passId: target.passId };
  if (target.list) where.list = target.list;
  if (target.account) where.account = target.account;
  return where;
}

function changeView(doc, lang, seenAt, highlighted) {
  const status = (n) => (n === null || n === undefined ? '' : statusText(doc.list, n, lang));
  const move = doc.kind === 'status' || doc.kind === 'back' ? `${status(doc.from)} → ${status(doc.to)}` : doc.kind === 'gone' ? status(doc.from) : status(doc.to);
  return {
    key: doc._id,
    appid: doc.appid,
    name: doc.nickname || doc.appid,
    list: doc.list,
    listText: t(lang, doc.list === 'plugin' ? 'listPlugin' : 'listEmbedded'),
    kindText: kindText(doc.kind, lang),
    move,
    account: doc.account || '',
    time: formatTime(doc.at),
    isNew: typeof seenAt === 'number' && typeof doc.at === 'number' && doc.at > seenAt,
    highlight: !!highlighted,
  };
}

function lastSeen() {
  try {
    const value = wx.getStorageSync(SEEN_KEY);
    return typeof value === 'number' ? value : null;
  } catch (e) {
    return null;
  }
}

/** Remembers the newest change shown (its own time, not the phone's clock). */
function markSeen(at) {
  if (typeof at === 'number') wx.setStorageSync(SEEN_KEY, at);
}

function openedFromMessage() {
  try {
    const options = typeof wx.getEnterOptionsSync === 'function' ? wx.getEnterOptionsSync() : null;
    return !!options && MESSAGE_SCENES.indexOf(options.scene) >= 0;
  } catch (e) {
    return false;
  }
}

module.exports = { messageTarget, targetWhere, changeView, lastSeen, markSeen, openedFromMessage, SEEN_KEY };
