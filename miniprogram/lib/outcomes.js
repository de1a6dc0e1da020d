// A write's answer as an admin reads it: one line per account (its outcome, and for a failure
// the error's message and hint), or for a preview what would be sent. Names come from the rows
// the admin selected, so a line says who, not only which appid.
const { t, stringsFor } = require('./i18n.js');
const { describe } = require('./errors.js');
const { outcomeText } = require('./format.js');

function outcomeLines(result, lang, names) {
  const name = (appid) => (names && names[appid]) || '';
  if (result.dryRun) {
    return result.wouldSend.map((request, i) => ({
      key: `would-${i}`,
      appid: (request.body && request.body.appid) || request.appid || '',
      name: name((request.body && request.body.appid) || request.appid),
      outcome: 'preview',
      text: `${t(lang, 'wouldSend')}: ${request.https || request.cloudApi || ''} ${JSON.stringify(request.body)}`,
      error: null,
    }));
  }
  return result.outcomes.map((o, i) => {
    const notes = [];
    if (o.decidedByReread) notes.push(t(lang, 'decidedByReread'));
    if (o.answerLost && o.answerLost.resolution) notes.push(t(lang, 'answerLost', { resolution: stringsFor(lang).resolution[o.answerLost.resolution] || o.answerLost.resolution }));
    const label = o.appid || (o.flag !== undefined ? `flag ${o.flag}` : '');
    return {
      key: `${label}-${i}`,
      appid: label,
      name: name(o.appid),
      outcome: o.outcome,
      text: outcomeText(o.outcome, lang) + (notes.length ? ` · ${notes.join(' · ')}` : ''),
      error: o.error ? describe({ error: o.error }, lang) : null,
    };
  });
}

function summaryText(result, lang) {
  return t(lang, 'summary', result.summary);
}

module.exports = { outcomeLines, summaryText };
