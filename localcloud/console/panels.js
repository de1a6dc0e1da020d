// @ts-check
/**
 * The console's panels, in the order they mount. A panel is a module exporting
 * `{ id, mount(app) }` (types.d.ts Panel): it adds its parts to the places `app.slots` names and
 * hears of runs, results and rows through `app`, never through a global. A new panel is one
 * import and one entry below.
 */
import { actionsPanel } from './panel-actions.js';
import { authorizerPanel } from './panel-authorizers.js';
import { componentPanel } from './panel-component.js';
import { pushLogPanel } from './panel-pushes.js';
import { syncPanel } from './panel-sync.js';

/** @type {ReadonlyArray<import('./types').Panel>} */
export const PANELS = [
  authorizerPanel, // slots.request: the account a third-party platform acts for
  actionsPanel, // slots.records: approve / refuse / delete / revoke the listed rows
  pushLogPanel, // slots.column: the open platform's pushes, and a signed test push
  componentPanel, // slots.column: the third-party platform (componentAdmin): ticket, accounts, links, reconcile
  syncPanel, // slots.wide: the lists syncLists keeps, their changes and notifications
];
