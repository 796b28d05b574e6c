import type { FastifyInstance } from 'fastify';
import { ATTACHMENT_MAX_BYTES, attachmentKinds } from '@gonghui/contracts';

/**
 * Lets a module's routes take a file's bytes as the request body: as the web app sends them
 * (octet-stream) or as any kind the file store keeps, so a wrong kind is refused by the store with its
 * reason rather than as an unknown content type. Registered inside the module's plugin, it applies there only.
 */
export function acceptAttachmentBodies(app: FastifyInstance) {
  const types = [
    'application/octet-stream',
    ...new Set(Object.values(attachmentKinds).map((k) => k.contentType)),
  ];
  app.addContentTypeParser(
    types,
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES + 1 },
    (_req, body, done) => done(null, body),
  );
}
