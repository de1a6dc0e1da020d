import { refusePluginApplicantsPage, listPluginApplicants } from '../../shared/usecases/listPluginApplicants';
import { createHandler } from '../../shared/handler/createHandler';
import { pluginApplyListEventSchema } from '../../shared/schemas/events';

/** Lists the users applying for this account's plugin (docs/platform/plugin-manager.md), cloud path first. */
export const main = createHandler({
  name: 'getPluginDevApplyList',
  eventSchema: pluginApplyListEventSchema,
  run: listPluginApplicants,
  fitResult: refusePluginApplicantsPage,
});
