import { Router } from 'express';
import type { Config } from '../../config';
import { outboxDirOf } from '../../mail/mailer';
import { listOutbox } from '../../mail/outbox';

const LINK = /https?:\/\/[^\s<>"]+/g;

/** Links in a message's text, so each e-mail flow can be followed from the outbox page. */
export const linksIn = (text: string): string[] => [...new Set(text.match(LINK) ?? [])];

/**
 * `/dev/outbox`: the messages the development mailer wrote to `<DATA_DIR>/outbox/`, newest first, with
 * their links clickable. Not registered in production, where it answers 404 like any unknown page.
 */
export function devOutboxRoutes(config: Config): Router {
  const router = Router();
  if (config.isProduction) return router;
  const dir = outboxDirOf(config.dataDir);

  router.get('/dev/outbox', async (req, res) => {
    const messages = (await listOutbox(dir, 50)).map((message) => ({ ...message, links: linksIn(message.text) }));
    res.set('Cache-Control', 'no-store');
    res.render('dev/outbox', { title: req.t('accounts:outbox.title'), messages });
  });

  return router;
}
