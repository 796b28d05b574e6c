import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { isLibraryRoute } from './access.ts';
import { errorBodyOf } from './error-handler.ts';

/**
 * The built web app's index.html with `<base href>` set to the base path. The build uses relative
 * asset URLs, so this one tag makes the same build work under any prefix and at any page depth. It goes
 * before the first element with an address and after the leading meta tags (IE reads X-UA-Compatible
 * only there).
 */
export function pageWithBase(indexHtml: string, basePath: string): string {
  const tag = `<base href="${basePath}/" />\n    `;
  const at = indexHtml.search(/<(link|script|style)\b/i);
  if (at >= 0) return indexHtml.slice(0, at) + tag + indexHtml.slice(at);
  return indexHtml.replace(/<head>/i, (head) => `${head}${tag}`);
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

function isHashedAsset(webDist: string, filePath: string): boolean {
  return path.relative(webDist, filePath).split(path.sep)[0] === 'assets';
}

/** Serves the built web app (when there is one) and answers every other page with index.html. */
export async function registerWebApp(app: FastifyInstance, webDist: string | null, basePath: string) {
  const indexFile = webDist ? path.join(webDist, 'index.html') : null;
  const page =
    indexFile && fs.existsSync(indexFile) ? pageWithBase(fs.readFileSync(indexFile, 'utf8'), basePath) : null;
  if (page && webDist) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      prefix: '/',
      // index.html goes out only with its base tag, below.
      allowedPath: (pathName) => pathName !== '/index.html',
      // The build names every file under assets/ by a hash of its content, so a browser keeps it for good
      // and a page opened again loads without asking the server about each of its ~30 files. Other files
      // (the icon, the old-browser check) keep their names across builds, so they are asked about each time.
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', isHashedAsset(webDist, filePath) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !req.url.startsWith('/api') && !isLibraryRoute(req.url);
    if (page && isPage)
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('x-ua-compatible', 'IE=edge')
        .send(page);
    return reply.status(404).send(errorBodyOf('NOT_FOUND', '请求的地址不存在'));
  });
}
