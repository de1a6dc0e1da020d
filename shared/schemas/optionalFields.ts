import * as z from 'zod/mini';
import { integerLike } from '../normalize/integerLike';

/**
 * Optional fields shared by the item schemas, built by the item schemas' own (lazy) builders: a
 * function rather than a lazySchema Proxy, because zod reads a nested schema's internals for
 * every field of every item, and a Proxy on that path costs about half again per page.
 */
export const optionalString = () => z.optional(z.string());
export const optionalInteger = () => z.optional(integerLike);
