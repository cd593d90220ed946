import cookieParser from 'cookie-parser';
import type { RequestHandler } from 'express';

export function setUpCookies(): RequestHandler {
  return cookieParser();
}
