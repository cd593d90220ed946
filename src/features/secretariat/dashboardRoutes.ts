import { Router } from 'express';
import { Application } from '../../models/application';
import { Evidence } from '../../models/evidence';
import type { FeatureContext } from '..';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What needs attention, each count linking to where it is dealt with. */
async function attentionCounts(now: Date) {
  const [waiting, oldest, failing, staleOrganisations] = await Promise.all([
    Application.countDocuments({ state: 'submitted' }),
    Application.findOne({ state: 'submitted' }, { submittedAt: 1 }).sort({ submittedAt: 1 }).lean(),
    Evidence.countDocuments({ status: 'failing' }),
    Evidence.distinct('organisation', { status: 'stale' }),
  ]);
  const oldestDays = oldest?.submittedAt ? Math.floor((now.getTime() - oldest.submittedAt.getTime()) / DAY_MS) : null;
  return { waiting, oldestDays, failing, aboutToLapse: staleOrganisations.length };
}

export function dashboardRoutes(context: FeatureContext): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.render('secretariat/dashboard', {
      title: req.t('secretariat:dashboard.title'),
      counts: await attentionCounts(context.services.clock.now()),
    });
  });
  return router;
}
