import { createPushHandler } from '../../shared/handler/createPushHandler';

/**
 * The open platform's authorization event URL (授权事件接收 URL), over the HTTP access service:
 * verifies, decrypts and stores component_verify_ticket, authorized, updateauthorized and
 * unauthorized pushes (docs/platform/pushes.md; what it stores: docs/functions/componentEvents.md).
 */
export const main = createPushHandler('componentEvents');
