import * as z from 'zod/mini';
import { integerLike } from '../normalize/integerLike';
import { lazySchema } from './lazySchema';

/** Optional fields shared by the item schemas. */
export const optionalString = lazySchema(() => z.optional(z.string()));
export const optionalInteger = lazySchema(() => z.optional(integerLike));
