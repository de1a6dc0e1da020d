// Which rows each action applies to, so a selection only ever offers and sends those. WeChat
// decides plugin applications only while pending (89240 otherwise), deletes only rejected or
// expired ones (89241; 89243 for a pending one), and revokes only approved half-screen
// authorizations (89422 otherwise). README "setDevPluginApplyStatus", "manageEmbedded".
const PLUGIN_ACTIONS = [
  { key: 'approve', fn: 'setDevPluginApplyStatus', action: 'dev_agree', statuses: [1], confirm: 'confirmApprove', button: 'approveN' },
  { key: 'refuse', fn: 'setDevPluginApplyStatus', action: 'dev_refuse', statuses: [1], confirm: 'confirmRefuse', button: 'refuseN', needsReason: true },
  { key: 'delete', fn: 'setDevPluginApplyStatus', action: 'dev_delete', statuses: [3, 4], confirm: 'confirmDelete', button: 'deleteN' },
];

const EMBEDDED_ACTIONS = [
  { key: 'revoke', fn: 'manageEmbedded', action: 'del_authorize', statuses: [2], confirm: 'confirmRevoke', button: 'revokeN' },
];

/** setDevPluginApplyStatus's reason: 1-200 characters (shared/schemas/writeEvents.ts). */
const REFUSE_REASON_MAX = 200;
/** One call names at most 100 accounts; a larger selection is sent in batches. */
const MAX_PER_CALL = 100;

const findAction = (table, key) => table.filter((a) => a.key === key)[0];

const appliesTo = (action, row) => action.statuses.indexOf(Number(row.status)) >= 0;

/** The rows of a selection an action applies to, each appid once, in the order given. */
function applicableRows(action, rows) {
  const seen = {};
  return rows.filter((row) => {
    if (!appliesTo(action, row) || seen[row.appid]) return false;
    seen[row.appid] = true;
    return true;
  });
}

/** What a selection offers: each action with at least one row it applies to, and how many. */
function offeredActions(table, rows) {
  return table
    .map((action) => ({ key: action.key, button: action.button, count: applicableRows(action, rows).length }))
    .filter((offer) => offer.count > 0);
}

/** Actions for one row (the detail view). */
function rowActions(table, row) {
  return table.filter((action) => appliesTo(action, row)).map((action) => ({ key: action.key }));
}

/** A refusal reason's problem, or '' when it may be sent. */
function reasonProblem(reason) {
  const text = (reason || '').trim();
  if (!text) return { key: 'reasonRequired' };
  if (text.length > REFUSE_REASON_MAX) return { key: 'reasonTooLong', params: { n: text.length } };
  return null;
}

module.exports = { PLUGIN_ACTIONS, EMBEDDED_ACTIONS, REFUSE_REASON_MAX, MAX_PER_CALL, findAction, appliesTo, applicableRows, offeredActions, rowActions, reasonProblem };
