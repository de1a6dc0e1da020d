import { listAuthorizers } from '../../shared/usecases/listAuthorizers';
import { createHandler } from '../../shared/handler/createHandler';
import { listAuthorizersEventSchema } from '../../shared/schemas/events';

/** The accounts that authorized this third-party platform: appid, granted sets, when, revoked; no tokens. */
export const main = createHandler({
  name: 'listAuthorizers',
  eventSchema: listAuthorizersEventSchema,
  run: listAuthorizers,
});
