import { setDevPluginApplyStatus } from '../../shared/usecases/setDevPluginApplyStatus';
import { auditRefusedCaller } from '../../shared/audit/auditRefusedCaller';
import { createHandler } from '../../shared/handler/createHandler';
import { fitWriteResult } from '../../shared/writes/fitWriteResult';
import { setDevPluginApplyStatusEventSchema } from '../../shared/schemas/writeEvents';

/** Approves, refuses or deletes plugin applicants (pluginManager.setDevPluginApplyStatus), one or up to 100, audited. */
export const main = createHandler({
  name: 'setDevPluginApplyStatus',
  eventSchema: setDevPluginApplyStatusEventSchema,
  run: setDevPluginApplyStatus,
  fitResult: fitWriteResult,
  onRefused: auditRefusedCaller('setDevPluginApplyStatus', () => true),
});
