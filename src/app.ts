import express, { type Express, type Router } from 'express';
import mongoose, { type Connection } from 'mongoose';
import type { Config } from './config';
import type { Logger } from './logger';
import { publicDir, viewsDir, localesDir } from './paths';
import { registerFeatures } from './features';
import { healthRoutes } from './features/health/routes';
import { setUpRequestId } from './middleware/requestId';
import { setUpLogging } from './middleware/logging';
import { setUpSecurityHeaders } from './middleware/securityHeaders';
import { setUpCompression } from './middleware/compression';
import { createAssetUrl, fingerprintAssets, setUpStaticAssets } from './middleware/staticAssets';
import { setUpCookies } from './middleware/cookies';
import { createI18n, setUpI18n, type MissingKeyListener } from './middleware/i18n';
import { setUpViewLocals } from './middleware/viewLocals';
import { setUpBodyParsing } from './middleware/bodyParsing';
import { setUpSession } from './middleware/session';
import { createAuthenticator, setUpAuthentication } from './middleware/authentication';
import type { Services } from './services';
import { setUpFlash } from './middleware/flash';
import { setUpCsrf } from './middleware/csrf';
import { IMPORT_UPLOAD_PATH } from './features/secretariat/importRoutes';
import { setUpAccountGates } from './middleware/accountGates';
import { createRateLimiter } from './middleware/rateLimit';
import { setUpErrorHandler, setUpNotFound } from './middleware/errors';
import { inSequence } from './middleware/inSequence';

export interface AppDependencies {
  config: Config;
  logger: Logger;
  /** Every service, built once by `createServices` (the composition root). */
  services: Services;
  /** Defaults to mongoose's default connection, which src/db connects. */
  connection?: Connection;
  onMissingTranslation?: MissingKeyListener;
  /**
   * Routers mounted after the features and before the 404 handler. Only tests use this, to reach code
   * paths no production route can trigger on demand (a thrown error, a slow response), and the directory
   * benchmark, to serve its static page through the same middleware.
   */
  extraRouters?: Router[];
}

/** Builds the application from its dependencies. Connects to nothing and listens on nothing. */
export function createApp(deps: AppDependencies): Express {
  const { config, logger } = deps;
  const connection = deps.connection ?? mongoose.connection;
  const i18n = createI18n(localesDir, deps.onMissingTranslation);
  const fingerprints = fingerprintAssets(publicDir);
  const { services } = deps;
  const authenticator = createAuthenticator((id) => services.accounts.loadSessionUser(id));

  const app = express();
  app.set('trust proxy', config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  // Templates are compiled once, except in development where an edited view shows on the next request.
  app.set('view cache', config.env !== 'development');
  app.disable('x-powered-by');

  // Cheap answers first: probes and assets stop before cookies, languages, sessions and the routers.
  app.use(
    inSequence([
      setUpRequestId(),
      setUpLogging(logger),
      setUpSecurityHeaders(config.isProduction),
      healthRoutes(),
      setUpCompression(),
      setUpStaticAssets(publicDir, fingerprints),
      setUpCookies(),
      setUpI18n(i18n, config.isProduction),
      setUpViewLocals(createAssetUrl(fingerprints)),
      setUpBodyParsing(),
      setUpSession(config, connection, app.request),
      setUpAuthentication(authenticator),
      setUpFlash(),
      createRateLimiter(connection, {
        name: 'writes',
        windowMs: config.rateLimit.windowMs,
        limit: config.rateLimit.writesPerWindow,
        writesOnly: true,
      }),
      setUpCsrf({ uploadPaths: [IMPORT_UPLOAD_PATH] }),
      setUpAccountGates(),
    ]),
  );
  registerFeatures(app, { config, logger, connection, authenticator, services }, deps.extraRouters);
  app.use(setUpNotFound());
  app.use(setUpErrorHandler(logger, i18n, config.isProduction));
  return app;
}
