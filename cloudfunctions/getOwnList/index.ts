import { fitEmbeddedAuthorizationsPage, listEmbeddedAuthorizations } from '../../shared/usecases/listEmbeddedAuthorizations';
import { createHandler } from '../../shared/handler/createHandler';
import { ownListEventSchema } from '../../shared/schemas/events';

/** Lists who may open this Mini Program as a half-screen app (docs/platform/half-screen.md), over HTTPS. */
export const main = createHandler({
  name: 'getOwnList',
  eventSchema: ownListEventSchema,
  run: listEmbeddedAuthorizations,
  fitResult: fitEmbeddedAuthorizationsPage,
});
