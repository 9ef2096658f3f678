// Where something was seen: a path relative to the scan root (posix separators), with optional
// line/column (1-based) or byte offset for binary files.
import { z } from 'zod';

export const LocationSchema = z
  .object({
    path: z.string().min(1),
    line: z.number().int().positive().optional(),
    column: z.number().int().positive().optional(),
    endLine: z.number().int().positive().optional(),
    /** Byte offset in a binary file (model files, archives). */
    offset: z.number().int().nonnegative().optional(),
    /** Member inside an archive or container, e.g. "archive/data.pkl". */
    member: z.string().optional(),
  })
  .strict();
export type Location = z.infer<typeof LocationSchema>;

export function locationKey(l: Location): string {
  return `${l.path}#${l.member ?? ''}:${l.line ?? ''}:${l.offset ?? ''}`;
}
