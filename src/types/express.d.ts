import type { TFunction } from 'i18next';
import type { Logger } from '../logger';
import type { FlashMessage } from '../middleware/flash';
import type { Language } from '../middleware/i18n';

declare global {
  namespace Express {
    /** What deserialising a session gives: never a whole document, never a password hash. */
    interface User {
      id: string;
      email: string;
      role: 'member' | 'secretariat' | 'admin';
      organisationId?: string;
      twoFactorEnabled: boolean;
      mustChangePassword: boolean;
    }

    interface Request {
      id: string;
      /** The app's logger (no per-request child: the access log line carries the request id). */
      log: Logger;
      language: Language;
      t: TFunction;
      flash(type: FlashMessage['type'], message: string): void;
    }

    interface Locals {
      cspNonce: string;
      requestId: string;
      lang: Language;
      t: TFunction;
      /** Generates the CSRF token on first use, so pages without a form create no session. */
      csrfToken: () => string;
      assetUrl: (publicPath: string) => string;
      languageUrls: Record<Language, string>;
      currentPath: string;
      currentUser: User | undefined;
      flashMessages: FlashMessage[];
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    flash?: FlashMessage[];
    /** Between a correct password and a correct two-factor code: who is signing in, not yet signed in. */
    pendingSignIn?: { userId: string; returnTo: string; at: number };
    /** A two-factor secret being set up, trusted only once a code from it checks out. */
    twoFactorSetup?: string;
    /** Recovery codes just created, shown once and then forgotten. */
    recoveryCodesToShow?: string[];
    /** Where to go after signing in. */
    returnTo?: string;
  }
}

export {};
