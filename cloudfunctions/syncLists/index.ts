import { createHandler } from '../../shared/handler/createHandler';
import { syncListsEventSchema } from '../../shared/schemas/events';
import { runSync } from '../../shared/usecases/runSync';

/** Keeps plugin applicants and half-screen authorizations in the database, records changes, tells admins (timer every 10 minutes, or an admin). */
export const main = createHandler({
  name: 'syncLists',
  eventSchema: syncListsEventSchema,
  run: runSync,
});
