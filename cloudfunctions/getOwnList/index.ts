import { fitEmbeddedAuthorizationsPage, listEmbeddedAuthorizations } from '../../shared/usecases/listEmbeddedAuthorizations';
import { createHandler } from '../../shared/handler/createHandler';
import { ownListEventSchema } from '../../shared/schemas/events';

/** Lists who may open this Mini Program as a half-screen app (000_9eef388058d54acd.txt), over HTTPS. */
export const main = createHandler({
  name: 'getOwnList',
  eventSchema: ownListEventSchema,
  run: listEmbeddedAuthorizations,
  fitResult: fitEmbeddedAuthorizationsPage,
});
