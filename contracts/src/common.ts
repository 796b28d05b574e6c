import { z } from 'zod';

/** A calendar date at the API edge: 2011-09-30. */
export const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD，例如 2011-09-30' });

export const idParam = z.object({
  id: z.coerce
    .number({ error: '编号应为数字' })
    .int('编号应为整数')
    .positive('编号应为正整数')
    .max(2147483647, '编号过大'),
});

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, '页码至少为 1').max(1_000_000, '页码过大').default(1),
  pageSize: z.coerce.number().int().min(1, '每页条数至少为 1').max(200, '每页最多 200 条').default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** One page of a server-side paged list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** The total stopped counting at 10,000: the list holds more ("10,000+ 条"). */
    totalCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  /** `total` is the cap of a count that stopped there: the list holds more. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export const okResponse = z.object({ ok: z.literal(true) });
