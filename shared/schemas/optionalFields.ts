import * as z from 'zod/mini';
import { integerLike } from '../normalize/integerLike';

/** Optional fields shared by the item schemas. */
export const optionalString = z.optional(z.string());
export const optionalInteger = z.optional(integerLike);
