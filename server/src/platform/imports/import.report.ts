import type { Readable } from 'node:stream';

/**
 * The bytes of a workbook written by a streaming sheet writer: `write` adds the rows and finishes the
 * writer, whose stream is collected meanwhile. Error reports and templates of every import use it.
 */
export async function workbookBytes(stream: Readable, write: () => Promise<void>): Promise<Buffer> {
  const parts: Buffer[] = [];
  stream.on('data', (c: Buffer) => parts.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  await write();
  await ended;
  return Buffer.concat(parts);
}
