import { z } from 'zod';

/** The one error body every API error uses. `code` is stable (for programs), `message` is for people. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('stable error code, e.g. validation_failed, not_found, invalid_input'),
    message: z.string().describe('what went wrong and what to do, in the caller\'s language'),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Page query for every list: 1-based page, page size capped at 500. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  search: z.string().max(100).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
}
