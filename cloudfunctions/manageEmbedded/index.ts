import { fitManageEmbeddedResult, manageEmbedded } from '../../shared/usecases/manageEmbedded';
import { auditRefusedCaller } from '../../shared/audit/auditRefusedCaller';
import { createHandler } from '../../shared/handler/createHandler';
import { manageEmbeddedEventSchema } from '../../shared/schemas/writeEvents';

/** Half-screen management over HTTPS: set_authorize, del_authorize, add_embedded, del_embedded (audited) and get_list. */
export const main = createHandler({
  name: 'manageEmbedded',
  eventSchema: manageEmbeddedEventSchema,
  run: manageEmbedded,
  fitResult: fitManageEmbeddedResult,
  onRefused: auditRefusedCaller('manageEmbedded', (action) => action !== 'get_list'),
});
