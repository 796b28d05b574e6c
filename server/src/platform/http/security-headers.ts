import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

const UPGRADE = /\s*upgrade-insecure-requests;?/g;

/**
 * Helmet's headers. Only a deployment that says it has HTTPS gets HSTS and `upgrade-insecure-requests`:
 * over plain HTTP on a host name other than localhost they make the browser ask for every script
 * over https, and the page stays white.
 */
export async function registerSecurityHeaders(app: FastifyInstance, https: boolean) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    // No includeSubDomains: other hosts of an office domain often speak plain HTTP.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}

/** The API docs page sets its own CSP; it follows the same rule. */
export const docsCspTransform = (https: boolean) => (header: string) =>
  https ? header : header.replace(UPGRADE, '').trim();
