// What an admin sees of a failure: the envelope's message and hint in their language, the code
// and name, the detail (which field, which account) and the request id to quote. Failures that
// never reached a function (the call itself failed, a database read was refused) are turned into
// the same envelope shape here, so a page shows every failure the same way.
const { pick, t } = require('./i18n.js');

/** Codes this app gives to failures of its own; the functions' codes are all -9100xx or WeChat's. */
const LOCAL = {
  CALL_FAILED: 'CALL_FAILED',
  BAD_ANSWER: 'BAD_ANSWER',
  ANSWER_LOST: 'ANSWER_LOST',
  NOT_SENT: 'NOT_SENT',
  DB_DENIED: 'DB_DENIED',
  DB_MISSING: 'DB_MISSING',
  DB_FAILED: 'DB_FAILED',
};

const LOCAL_TEXT = {
  CALL_FAILED: ['callFailedMessage', 'callFailedHint'],
  BAD_ANSWER: ['badAnswerMessage', 'badAnswerHint'],
  ANSWER_LOST: ['answerLostMessage', 'answerLostHint'],
  NOT_SENT: ['notSentMessage', 'notSentHint'],
  DB_DENIED: ['dbDeniedMessage', 'dbDeniedHint'],
  DB_MISSING: ['dbMissingMessage', 'dbMissingHint'],
  DB_FAILED: ['dbFailedMessage', 'dbFailedHint'],
};

/** An envelope of this app's own (errCode != 0), carrying both languages like the functions'. */
function localEnvelope(name, code, detail) {
  const [message, hint] = LOCAL_TEXT[name];
  return {
    errCode: code,
    errMsg: `fail ${code} ${name}${detail ? `: ${detail}` : ''}`,
    error: {
      code,
      name,
      source: 'miniprogram',
      message: { zh: t('zh', message), en: t('en', message) },
      hint: { zh: t('zh', hint), en: t('en', hint) },
      ...(detail ? { detail } : {}),
    },
  };
}

/** The code inside a wx API failure ("cloud.callFunction:fail -501000 ..." or errCode). */
function codeOf(failure) {
  if (failure && typeof failure.errCode === 'number') return failure.errCode;
  const match = /fail\s*(-?\d+)/.exec((failure && failure.errMsg) || String(failure));
  return match ? Number(match[1]) : -1;
}

function messageOf(failure) {
  if (failure && failure.errMsg) return String(failure.errMsg);
  if (failure && failure.message) return String(failure.message);
  return String(failure);
}

/** A failure of an envelope, ready for a template: every field a string, '' when absent. */
function describe(envelope, lang) {
  const error = (envelope && envelope.error) || {};
  return {
    code: String(error.code !== undefined ? error.code : envelope && envelope.errCode),
    name: error.name || '',
    message: pick(lang, error.message) || (envelope && envelope.errMsg) || '',
    hint: pick(lang, error.hint),
    detail: error.detail || '',
    requestId: (envelope && envelope.requestId) || '',
  };
}

module.exports = { LOCAL, localEnvelope, codeOf, messageOf, describe };
