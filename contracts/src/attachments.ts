import { z } from 'zod';

/** A file kept with a record; its content is downloaded separately (and each download is audited). */
export const attachmentInfo = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
export type AttachmentInfo = z.infer<typeof attachmentInfo>;

/** The largest file a record may keep: 10 MB, enough for a scanned document or a few photos. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The kinds of file a record may keep, by extension, each with the bytes its files begin with. */
export const attachmentKinds = {
  pdf: { contentType: 'application/pdf', label: 'PDF' },
  jpg: { contentType: 'image/jpeg', label: 'JPEG 图片' },
  jpeg: { contentType: 'image/jpeg', label: 'JPEG 图片' },
  png: { contentType: 'image/png', label: 'PNG 图片' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word 文档（.docx）',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel 表格（.xlsx）',
  },
} as const;
export type AttachmentExtension = keyof typeof attachmentKinds;
