/**
 * An appid as WeChat issues them: "wx" and 16 lowercase hexadecimal characters. One pattern for
 * every place that checks one (events, writes, pushes, messages), imported from this small file
 * so that none of them pulls in another's schemas.
 */
export const APPID_PATTERN = /^wx[0-9a-f]{16}$/;
