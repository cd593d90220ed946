import compression from 'compression';
import type { RequestHandler } from 'express';

export function setUpCompression(): RequestHandler {
  return compression();
}
