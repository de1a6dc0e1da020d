import { envList, envValue } from '../core/envValue';
import { createError, LOCAL } from '../errors';
import { registerUrlSecrets } from '../secrets/registerUrlSecrets';

export interface NotifyConfig {
  /** WECOM_WEBHOOK_URL: a WeCom group robot (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...`). */
  webhookUrl?: URL;
  /** NOTIFY_TEMPLATE_ID: a subscribe-message template sent to each admin in ADMIN_OPENIDS. */
  templateId?: string;
  /** NOTIFY_PAGE: the Mini Program page a subscribe message opens (optional). */
  page?: string;
  admins: string[];
}

export function notifyConfigFromEnv(env: NodeJS.ProcessEnv): NotifyConfig {
  const raw = envValue(env, 'WECOM_WEBHOOK_URL');
  // The robot's key is its credential: masked everywhere from the moment it is read.
  registerUrlSecrets(raw);
  let webhookUrl: URL | undefined;
  if (raw) {
    try {
      webhookUrl = new URL(raw);
    } catch {
      throw createError(LOCAL.CONFIG_INVALID, { detail: 'WECOM_WEBHOOK_URL must be the robot\'s webhook URL (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...).' });
    }
    if (!/^https?:$/.test(webhookUrl.protocol) || !webhookUrl.searchParams.get('key')) {
      throw createError(LOCAL.CONFIG_INVALID, { detail: 'WECOM_WEBHOOK_URL must be an http(s) URL carrying the robot\'s key (…/cgi-bin/webhook/send?key=...).' });
    }
  }
  const admins = envList(env, 'ADMIN_OPENIDS') ?? [];
  return {
    ...(webhookUrl ? { webhookUrl } : {}),
    ...optional('templateId', envValue(env, 'NOTIFY_TEMPLATE_ID')),
    ...optional('page', envValue(env, 'NOTIFY_PAGE')),
    admins,
  };
}

const optional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>));
