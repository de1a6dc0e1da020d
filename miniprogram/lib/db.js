// Reading the lists syncLists keeps in the database (README "The database collections", "Reading
// the lists from a Mini Program"): admins-only security rules, 20 documents a read, newest
// first. Reads answer like the functions: {errCode: 0, rows, total} or a failure envelope.
const { LOCAL, localEnvelope, codeOf, messageOf } = require('./errors.js');

/** A Mini Program reads at most 20 documents per call. */
const PAGE_SIZE = 20;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The `where` of a list page: not gone, the account acted for (when one is chosen), a status
 * (when filtered), and a search matching part of the appid or the name, either case.
 */
function listWhere(db, filter) {
  const base = { gone: false };
  if (filter.account) base.account = filter.account;
  if (filter.status !== undefined && filter.status !== null && filter.status !== '') base.status = Number(filter.status);
  const text = (filter.search || '').trim();
  if (!text) return base;
  const _ = db.command;
  const like = () => db.RegExp({ regexp: escapeRegExp(text), options: 'i' });
  return _.and([base, _.or([{ appid: like() }, { [filter.nameField || 'nickname']: like() }])]);
}

function failure(thrown) {
  const code = codeOf(thrown);
  const name = code === -502003 ? LOCAL.DB_DENIED : code === -502005 ? LOCAL.DB_MISSING : LOCAL.DB_FAILED;
  return localEnvelope(name, code, messageOf(thrown));
}

/** One page of a collection, and (on the first page) how many match in all. */
async function readPage(collection, where, order, page) {
  const db = wx.cloud.database();
  try {
    const query = db.collection(collection).where(where);
    const [rows, counted] = await Promise.all([
      query.orderBy(order[0], order[1]).skip(page * PAGE_SIZE).limit(PAGE_SIZE).get(),
      page === 0 ? db.collection(collection).where(where).count() : Promise.resolve(null),
    ]);
    return { errCode: 0, rows: rows.data, total: counted ? counted.total : undefined };
  } catch (thrown) {
    return failure(thrown);
  }
}

/** The documents matching a condition, up to one read's worth (a subscribe message's changes). */
async function readWhere(collection, where, order) {
  const db = wx.cloud.database();
  try {
    const { data } = await db.collection(collection).where(where).orderBy(order[0], order[1]).limit(PAGE_SIZE).get();
    return { errCode: 0, rows: data };
  } catch (thrown) {
    return failure(thrown);
  }
}

module.exports = { PAGE_SIZE, listWhere, readPage, readWhere, escapeRegExp };
