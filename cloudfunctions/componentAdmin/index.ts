import { auditRefusedCaller } from '../../shared/audit/auditRefusedCaller';
import { createHandler } from '../../shared/handler/createHandler';
import { componentAdminEventSchema } from '../../shared/schemas/componentAdmin';
import { componentAdmin } from '../../shared/usecases/componentAdmin';

/** The third-party platform's life: authorization links, reconcile with WeChat's authorizer list, ticket pushes, status. */
export const main = createHandler({
  name: 'componentAdmin',
  eventSchema: componentAdminEventSchema,
  run: (event, invocation) => componentAdmin(event, invocation),
  onRefused: auditRefusedCaller('componentAdmin', (action) => action !== 'status'),
});
