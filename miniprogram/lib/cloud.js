// The one way pages call a function: always resolves to an envelope ({errCode: 0, ...} or a
// failure with error.message {zh,en} and error.hint), never throws. The functions that act for
// an account get the chosen account as `authorizerAppid`; listAuthorizers, syncLists and
// componentAdmin work for the whole deployment and refuse unknown fields, so they never get it.
const { chosenAccount } = require('./account.js');
const { LOCAL, localEnvelope, codeOf, messageOf } = require('./errors.js');

const ACCOUNT_SCOPED = ['getPluginDevApplyList', 'getOwnList', 'setDevPluginApplyStatus', 'manageEmbedded'];

/** The event as sent: the chosen account added where the function takes one. */
function eventFor(name, data) {
  const account = chosenAccount();
  return ACCOUNT_SCOPED.indexOf(name) >= 0 && account ? Object.assign({}, data, { authorizerAppid: account }) : Object.assign({}, data);
}

/**
 * options.write: the call changes something; if its answer is lost the action may have been
 * applied, which the failure says (ANSWER_LOST) instead of "could not be called".
 */
async function callFunction(name, data, options) {
  const event = eventFor(name, data);
  let reply;
  try {
    reply = await wx.cloud.callFunction({ name, data: event });
  } catch (failure) {
    const code = codeOf(failure);
    return localEnvelope(options && options.write ? LOCAL.ANSWER_LOST : LOCAL.CALL_FAILED, code, messageOf(failure));
  }
  const result = reply && reply.result;
  if (!result || typeof result !== 'object' || typeof result.errCode !== 'number') {
    return localEnvelope(LOCAL.BAD_ANSWER, -1, `${name} answered ${JSON.stringify(result)}`.slice(0, 300));
  }
  return result;
}

module.exports = { callFunction, eventFor, ACCOUNT_SCOPED };
