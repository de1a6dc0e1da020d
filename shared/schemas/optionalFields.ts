import { integerLike, optional, string } from '../validation/shape';

/** Optional fields shared by the item schemas. */
export const optionalString = () => optional(string());
export const optionalInteger = () => optional(integerLike());
